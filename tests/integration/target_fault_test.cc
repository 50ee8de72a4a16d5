// Faults on the target itself end to end: pause, CPU and memory limits, open-file limits, hogs
// and a signal, each applied and removed on time by a real run against kvstore; afterwards no
// hog process and no cgroup is left.
#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kScenario = R"({
  "name": "target-faults", "duration": "8s",
  "phases": { "warmup": "500ms", "baseline_window": "1s", "settle": "0s" },
  "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"], "ready": { "http": "/health" } },
  "observe": { "interval": "250ms" },
  "load": [ { "name": "api", "kind": "http", "model": "open", "connections": 16, "threads": 1, "timeout": "3s",
              "stages": [ { "for": "8s", "rate": 200 } ], "requests": [ { "path": "/counter" } ] } ],
  "faults": [
    { "kind": "pause", "at": "2s", "for": "1s" },
    { "kind": "cpu_limit", "at": "3500ms", "for": "1500ms", "cpu": 0.2 },
    { "kind": "memory_hog", "at": "4s", "for": "1500ms", "memory": "32MiB" },
    { "kind": "cpu_hog", "at": "4s", "for": "1500ms", "cores": 0.5 },
    { "kind": "memory_limit", "at": "5500ms", "for": "1s", "memory": "512MiB" },
    { "kind": "open_files", "at": "5500ms", "for": "1s", "open_files": 256 },
    { "kind": "signal", "at": "7s", "signal": "SIGTERM" }
  ] })";

// Processes running `faultline hog` (the hogs this test's run spawned, if any were left).
std::vector<std::string> running_hogs() {
  std::vector<std::string> hogs;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::stringstream text;
    text << in.rdbuf();
    std::string cmdline = text.str();
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.rfind(std::string(FAULTLINE_BINARY) + " hog ", 0) == 0) hogs.push_back(name + ": " + cmdline);
  }
  return hogs;
}

TEST(TargetFault, EveryKindIsAppliedAndRemovedOnTimeAndNothingIsLeft) {
  const fs::path dir = fresh_directory("target-faults");
  const fs::path scenario = write_file(dir, "s.json", kScenario);
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;
  const json result = read_json(dir / "out" / "result.json");

  const json& faults = result["faults"];
  ASSERT_EQ(faults.size(), 7u);
  for (const json& fault : faults) {
    EXPECT_FALSE(fault.contains("error")) << fault.dump();
    ASSERT_TRUE(fault["actual"]["start"].is_number()) << fault.dump();
    EXPECT_NEAR(fault["actual"]["start"].get<double>(), fault["planned"]["at"].get<double>(), 0.2) << fault.dump();
    ASSERT_TRUE(fault["actual"]["end"].is_number()) << fault.dump();
    if (fault["planned"]["for"].is_number()) {
      const double planned_end = fault["planned"]["at"].get<double>() + fault["planned"]["for"].get<double>();
      EXPECT_NEAR(fault["actual"]["end"].get<double>(), planned_end, 0.2) << fault.dump();
    }
  }
  EXPECT_EQ(faults[1]["spec"], "cpu_limit:cpu=0.2");
  EXPECT_EQ(faults[6]["spec"], "signal:signal=SIGTERM");

  // Paused, the target answers nothing; the requests queued meanwhile complete after SIGCONT.
  const json& series = result["load"]["api"]["series"];
  ASSERT_GT(series.size(), 12u);
  EXPECT_EQ(series[9]["ok"], 0) << "2.25s-2.5s, inside the pause";
  EXPECT_GT(series[12]["ok"].get<long>(), 100) << "3s-3.25s, right after it";
  // The limits went on through a mechanism result.json names.
  EXPECT_TRUE(result["target"].contains("limits")) << result["target"].dump();

  // SIGTERM at 7s ended the target: the fault's doing, not a crash, so the run passes.
  const json& exit = result["target"]["events"][0];
  EXPECT_EQ(exit["kind"], "exit");
  EXPECT_EQ(exit["fault"], 6);
  EXPECT_EQ(result["analysis"]["crashes"], 0);

  EXPECT_TRUE(running_hogs().empty()) << running_hogs().front();
  if (result["target"]["limits"].contains("cgroup")) {
    EXPECT_FALSE(fs::exists(result["target"]["limits"]["cgroup"].get<std::string>()));
  }
}

}  // namespace
}  // namespace faultline::testing
