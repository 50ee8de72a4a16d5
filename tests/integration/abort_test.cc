// Abort conditions end to end (issue 5): kvstore killed for good at 2 s, so every request fails;
// "load.api.error_rate > 50% for 1s" stops the run long before its 20 s, the result is written
// and marked aborted, the faults are ended, and faultline exits 1.
#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

TEST(Abort, AConditionThatHoldsStopsTheRunEarlyAndFailsIt) {
  const auto dir = fresh_directory("abort");
  const auto scenario = write_file(dir, "s.json", R"({
    "name": "abort-it", "duration": "20s",
    "phases": { "warmup": "500ms", "baseline_window": "1s", "settle": "0s" },
    "observe": { "interval": "250ms" },
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"],
                "ready": { "http": "/health", "timeout": "10s" }, "restart": "never" },
    "load": [ { "name": "api", "kind": "http", "model": "open", "connections": 4, "threads": 1,
                "timeout": "500ms", "stages": [ { "for": "20s", "rate": 200 } ],
                "requests": [ { "method": "GET", "path": "/counter" } ] } ],
    "faults": [ { "kind": "kill", "at": "2s", "signal": "SIGKILL" } ],
    "abort": [ "load.api.error_rate > 50% for 1s" ]
  })");
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  ASSERT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;

  const json result = read_json(dir / "out" / "result.json");
  EXPECT_EQ(result["verdict"], "fail");
  const json& aborted = result["run"]["aborted"];
  ASSERT_TRUE(aborted.is_object()) << result["run"].dump(2);
  EXPECT_EQ(aborted["condition"], "load.api.error_rate > 50% for 1s");
  EXPECT_GE(aborted["held_from_s"].get<double>(), 2.0);
  EXPECT_GE(aborted["at_s"].get<double>() - aborted["held_from_s"].get<double>(), 1.0 - 1e-6);
  // Stopped within a few intervals of the condition completing, far before the planned 20 s.
  EXPECT_LT(result["run"]["duration_s"].get<double>(), aborted["at_s"].get<double>() + 1.5);
  ASSERT_EQ(result["reasons"].size(), 1u) << result["reasons"].dump(2);
  EXPECT_TRUE(result["reasons"][0].get<std::string>().starts_with(
      "aborted: \"load.api.error_rate > 50% for 1s\" held from"))
      << result["reasons"].dump(2);
  EXPECT_EQ(result["scenario"]["abort"][0], "load.api.error_rate > 50% for 1s");
  EXPECT_NE(outcome.out.find("aborted"), std::string::npos) << outcome.out;
}

TEST(Abort, AConditionOnAMetricKnownOnlyAfterTheRunIsAScenarioError) {
  const auto dir = fresh_directory("abort-invalid");
  const auto scenario = write_file(dir, "s.json", R"({
    "name": "abort-invalid", "duration": "2s",
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"] },
    "load": [ { "name": "api", "kind": "http", "requests": [ { "path": "/counter" } ] } ],
    "abort": [ "target.threads_leaked > 0 for 1s" ]
  })");
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2) << outcome.out << outcome.err;
  EXPECT_NE(outcome.err.find("/abort/0"), std::string::npos) << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "result.json"));
}

}  // namespace
}  // namespace faultline::testing
