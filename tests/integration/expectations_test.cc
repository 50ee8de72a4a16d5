// Expectations end to end against the real kvstore on 127.0.0.1: one that holds and one that
// fails give exit 1 with both in result.json, the summary and the HTML report; a misspelt
// metric is a scenario error (exit 2) with the closest real names; `faultline metrics` lists them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

std::string kvstore_scenario(const std::string& expect) {
  return R"({
    "name": "expect-it", "duration": "3s",
    "phases": { "warmup": "500ms", "baseline_window": "2s", "settle": "0s" },
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"],
                "ready": { "http": "/health", "timeout": "10s" }, "stop_grace": "2s" },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "connections": 2, "threads": 1,
                "requests": [ { "method": "GET", "path": "/counter" } ] } ],
    "expect": )" + expect + " }";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Expectations, AFailedExpectationFailsTheRunAndEveryOneIsRecorded) {
  const auto dir = fresh_directory("expect-fail");
  // The first holds on any working target; nothing answers zero requests, so the second fails.
  const auto scenario = write_file(
      dir, "s.json", kvstore_scenario(R"(["load.api.error_rate < 50% during steady", "load.api.requests < 1"])"));
  const Outcome outcome = run_faultline(
      {"run", scenario.string(), "--out", (dir / "out").string(), "--html", (dir / "report.html").string()}, dir);
  ASSERT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;

  const json result = read_json(dir / "out" / "result.json");
  EXPECT_EQ(result["verdict"], "fail");
  const json& expectations = result["expectations"];
  ASSERT_EQ(expectations.size(), 2u) << expectations.dump(2);
  EXPECT_EQ(expectations[0]["text"], "load.api.error_rate < 50% during steady");
  EXPECT_EQ(expectations[0]["metric"], "load.api.error_rate");
  EXPECT_EQ(expectations[0]["scope"], "during steady");
  EXPECT_EQ(expectations[0]["passed"], true);
  EXPECT_EQ(expectations[0]["value"], 0.0);
  EXPECT_EQ(expectations[0]["observed"], "0%");
  EXPECT_EQ(expectations[1]["passed"], false);
  EXPECT_GT(expectations[1]["value"].get<double>(), 0.0);
  EXPECT_TRUE(expectations[1]["detail"].get<std::string>().starts_with("load.api.requests = ")) << expectations[1];
  EXPECT_EQ(result["scenario"]["expect"].size(), 2u);
  const std::string reasons = result["reasons"].dump();
  EXPECT_NE(reasons.find("expectation failed: load.api.requests < 1: observed "), std::string::npos) << reasons;

  EXPECT_NE(outcome.out.find("expectations (1 of 2 held)"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("FAIL  load.api.requests = "), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("ok    load.api.error_rate during steady = 0% < 50%"), std::string::npos) << outcome.out;

  const std::string html = read_text(dir / "report.html");
  EXPECT_NE(html.find("id=\"expectations\""), std::string::npos);
  EXPECT_NE(html.find("<code>load.api.requests &lt; 1</code>"), std::string::npos);
  EXPECT_NE(html.find("outcome-failed"), std::string::npos);
  EXPECT_NE(html.find("outcome-held"), std::string::npos);
}

TEST(Expectations, AMisspeltMetricExitsTwoWithTheClosestNamesAndRunsNothing) {
  const auto dir = fresh_directory("expect-misspelt");
  const auto scenario = write_file(dir, "s.json", kvstore_scenario(R"(["load.api.p95 < 250ms"])"));
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2) << outcome.out << outcome.err;
  EXPECT_NE(outcome.err.find("s.json: /expect/0: unknown metric \"load.api.p95\"; did you mean \"load.api.p90\", "
                             "\"load.api.p99\" or \"load.api.p50\"?"),
            std::string::npos)
      << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(Expectations, MetricsListsTheCatalogueAndWhatAScenarioProduces) {
  const auto dir = fresh_directory("expect-metrics");
  const Outcome catalogue = run_faultline({"metrics"}, dir);
  EXPECT_EQ(catalogue.exit_code, 0) << catalogue.err;
  EXPECT_NE(catalogue.out.find("load.<generator>.p99"), std::string::npos) << catalogue.out;
  EXPECT_NE(catalogue.out.find("recovery.time_to_recover"), std::string::npos) << catalogue.out;

  const auto scenario = write_file(dir, "s.json", kvstore_scenario(R"(["load.api.p99 < 250ms"])"));
  const Outcome produced = run_faultline({"metrics", scenario.string()}, dir);
  EXPECT_EQ(produced.exit_code, 0) << produced.err;
  EXPECT_NE(produced.out.find("load.api.p99 "), std::string::npos) << produced.out;
  EXPECT_NE(produced.out.find("recovery.time_to_recover: the scenario has no faults"), std::string::npos)
      << produced.out;

  const auto invalid = write_file(dir, "bad.json", kvstore_scenario(R"(["load.api.p95 < 250ms"])"));
  EXPECT_EQ(run_faultline({"metrics", invalid.string()}, dir).exit_code, 2);
}

}  // namespace
}  // namespace faultline::testing
