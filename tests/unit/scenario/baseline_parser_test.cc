// The "baseline" field: tolerances for noisy metrics, alpha and too_few_samples, read typed,
// written back, and every kind of mistake reported at its JSON pointer.
#include "harness/scenario/baseline_parser.h"

#include <gtest/gtest.h>

#include "harness/scenario/scenario_json.h"
#include "tests/unit/scenario/scenario_samples.h"

namespace faultline::scenario {
namespace {

std::string full_scenario(const std::string& baseline) { return full_scenario_with("\"baseline\": " + baseline); }
std::string bare_scenario(const std::string& baseline) { return bare_scenario_with("\"baseline\": " + baseline); }
std::string tolerance(const std::string& key, const std::string& value) {
  return full_scenario(R"({ "tolerance": { ")" + key + "\": " + value + " } }");
}

constexpr const char* kNoisy =
    "load.api.{p50,p90,p99,p999,max,error_rate,throughput}, load.bulk.{p50,p90,p99,p999,max,error_rate,throughput}, "
    "recovery.time_to_recover";

TEST(BaselineParser, DefaultsWhenAbsent) {
  const Scenario s = parse_scenario_text(bare_scenario_with(R"("seed": 1)"), "s.json");
  EXPECT_EQ(s.baseline, BaselineOptions{});
  EXPECT_EQ(s.baseline.default_tolerance.relative, 0.10);
  EXPECT_FALSE(s.baseline.default_tolerance.absolute);
  EXPECT_DOUBLE_EQ(s.baseline.alpha, 0.05);
  EXPECT_FALSE(s.baseline.too_few_samples_pass);
  EXPECT_EQ(to_json(s)["baseline"],
            nlohmann::json::parse(R"({ "tolerance": { "default": "10%" }, "alpha": 0.05, "too_few_samples": "fail" })"));
}

TEST(BaselineParser, ReadsTolerancesInEachMetricsUnitAndWritesThemBack) {
  const Scenario s = parse_scenario_text(full_scenario(R"({
      "tolerance": { "default": "15%", "load.api.p99": "2ms", "load.api.p50": "250us", "load.bulk.max": "25%",
                     "recovery.time_to_recover": "1.5s", "load.bulk.throughput": 50, "load.api.throughput": 12.5,
                     "load.api.error_rate": "0.5%" },
      "alpha": 0.01, "too_few_samples": "pass" })"),
                                         "s.json");
  const BaselineOptions& b = s.baseline;
  EXPECT_EQ(b.default_tolerance.relative, 0.15);
  ASSERT_EQ(b.tolerances.size(), 7u);
  EXPECT_EQ(b.tolerances.at("load.api.p99"), (Tolerance{std::nullopt, 2.0}));            // ms
  EXPECT_EQ(b.tolerances.at("load.api.p50"), (Tolerance{std::nullopt, 0.25}));           // ms
  EXPECT_EQ(b.tolerances.at("load.bulk.max"), (Tolerance{0.25, std::nullopt}));
  EXPECT_EQ(b.tolerances.at("recovery.time_to_recover"), (Tolerance{std::nullopt, 1.5}));  // s
  EXPECT_EQ(b.tolerances.at("load.bulk.throughput"), (Tolerance{std::nullopt, 50.0}));    // req/s
  EXPECT_EQ(b.tolerances.at("load.api.error_rate"), (Tolerance{0.005, std::nullopt}));
  EXPECT_DOUBLE_EQ(b.alpha, 0.01);
  EXPECT_TRUE(b.too_few_samples_pass);

  const nlohmann::json written = to_json(s)["baseline"];
  EXPECT_EQ(written, nlohmann::json::parse(R"({
      "tolerance": { "default": "15%", "load.api.p99": "2ms", "load.api.p50": "250us", "load.bulk.max": "25%",
                     "recovery.time_to_recover": "1.5s", "load.bulk.throughput": 50, "load.api.throughput": 12.5,
                     "load.api.error_rate": "0.5%" },
      "alpha": 0.01, "too_few_samples": "pass" })"));
  EXPECT_EQ(parse_scenario_text(to_json(s).dump(), "s.json"), s);
}

TEST(BaselineParser, AcceptsAnEmptyTolerancesObjectAndZeroTolerances) {
  EXPECT_TRUE(parse_scenario_text(full_scenario(R"({ "tolerance": {} })"), "s.json").baseline.tolerances.empty());
  const Scenario s = parse_scenario_text(
      full_scenario(R"({ "tolerance": { "default": "0%", "load.api.p99": "0ms", "load.api.throughput": 0 } })"),
      "s.json");
  EXPECT_EQ(s.baseline.default_tolerance.relative, 0.0);
  EXPECT_EQ(s.baseline.tolerances.at("load.api.p99").absolute, 0.0);
  EXPECT_EQ(parse_scenario_text(to_json(s).dump(), "s.json"), s);
}

TEST(BaselineParser, ReportsEveryKindOfErrorAtItsPointer) {
  struct Case {
    std::string scenario;
    std::string issue;
  };
  const Case cases[] = {
      // Keys: misspelt metrics and "default", generators the scenario lacks.
      {tolerance("load.api.p95", "\"10%\""),
       "/baseline/tolerance/load.api.p95: unknown metric \"load.api.p95\"; did you mean \"load.api.p90\", "
       "\"load.api.p99\" or \"load.api.p50\"? (\"faultline metrics SCENARIO\" lists the metrics a scenario can "
       "produce)"},
      {tolerance("defualt", "\"10%\""),
       "/baseline/tolerance/defualt: unknown metric \"defualt\"; did you mean \"default\"? (\"faultline metrics "
       "SCENARIO\" lists the metrics a scenario can produce)"},
      {tolerance("load.apj.p99", "\"10%\""),
       "/baseline/tolerance/load.apj.p99: \"load.apj.p99\" names no load generator of this scenario: there is no "
       "\"apj\" (they are \"api\" or \"bulk\"); did you mean \"load.api.p99\"?"},
      {tolerance("load.a/b.p99", "\"10%\""),
       "/baseline/tolerance/load.a~1b.p99: \"load.a/b.p99\" names no load generator of this scenario: there is no "
       "\"a/b\" (they are \"api\" or \"bulk\"); did you mean \"load.api.p99\"?"},
      // Exact metrics take no tolerance.
      {tolerance("target.threads_leaked", "\"10%\""),
       "/baseline/tolerance/target.threads_leaked: target.threads_leaked is compared exactly with the baseline, so "
       "it takes no tolerance; tolerances are for the noisy metrics: " + std::string(kNoisy)},
      {tolerance("load.api.requests", "\"10%\""),
       "/baseline/tolerance/load.api.requests: load.api.requests is compared exactly with the baseline, so it takes "
       "no tolerance; tolerances are for the noisy metrics: " + std::string(kNoisy)},
      // A noisy metric this scenario cannot produce.
      {bare_scenario(R"({ "tolerance": { "recovery.time_to_recover": "10%" } })"),
       "/baseline/tolerance/recovery.time_to_recover: this scenario cannot produce recovery.time_to_recover: the "
       "scenario has no faults, so there is no recovery to measure"},
      // Values in the wrong unit.
      {tolerance("load.api.p99", "\"5\""),
       "/baseline/tolerance/load.api.p99: expected a tolerance for load.api.p99: a percentage like \"25%\" or a "
       "duration like \"2ms\", got \"5\""},
      {tolerance("load.api.p99", "\"5MiB\""),
       "/baseline/tolerance/load.api.p99: expected a tolerance for load.api.p99: a percentage like \"25%\" or a "
       "duration like \"2ms\", got \"5MiB\""},
      {tolerance("recovery.time_to_recover", "1"),
       "/baseline/tolerance/recovery.time_to_recover: expected a tolerance for recovery.time_to_recover: a "
       "percentage like \"25%\" or a duration like \"1s\", got 1"},
      {tolerance("load.api.error_rate", "0.01"),
       "/baseline/tolerance/load.api.error_rate: expected a tolerance for load.api.error_rate: a percentage like "
       "\"25%\" (a rate takes a relative tolerance only), got 0.01"},
      {tolerance("load.api.error_rate", "\"1ms\""),
       "/baseline/tolerance/load.api.error_rate: expected a tolerance for load.api.error_rate: a percentage like "
       "\"25%\" (a rate takes a relative tolerance only), got \"1ms\""},
      {tolerance("load.api.throughput", "\"50\""),
       "/baseline/tolerance/load.api.throughput: expected a tolerance for load.api.throughput: a percentage like "
       "\"25%\" or a number of requests per second like 50, got \"50\" (write the number without quotes)"},
      {tolerance("load.api.throughput", "-5"),
       "/baseline/tolerance/load.api.throughput: expected a tolerance for load.api.throughput: a percentage like "
       "\"25%\" or a number of requests per second like 50, got -5"},
      {tolerance("load.api.p99", "\"-10%\""),
       "/baseline/tolerance/load.api.p99: expected a tolerance for load.api.p99: a percentage like \"25%\" or a "
       "duration like \"2ms\", got \"-10%\""},
      {tolerance("default", "\"2ms\""),
       "/baseline/tolerance/default: expected a percentage like \"10%\" (the default applies to metrics of every "
       "unit, so it is relative), got \"2ms\""},
      // alpha and too_few_samples.
      {full_scenario(R"({ "alpha": 0 })"), "/baseline/alpha: expected a number > 0 and <= 0.5, got 0"},
      {full_scenario(R"({ "alpha": 0.6 })"), "/baseline/alpha: expected a number > 0 and <= 0.5, got 0.6"},
      {full_scenario(R"({ "alpha": "0.05" })"), "/baseline/alpha: expected a number > 0 and <= 0.5, got \"0.05\""},
      {full_scenario(R"({ "too_few_samples": "skip" })"),
       "/baseline/too_few_samples: expected one of \"fail\", \"pass\", got \"skip\""},
      {full_scenario(R"({ "too_few_samples": "passes" })"),
       "/baseline/too_few_samples: expected one of \"fail\", \"pass\", got \"passes\"; did you mean \"pass\"?"},
      {full_scenario(R"({ "too_few_samples": false })"),
       "/baseline/too_few_samples: expected one of \"fail\", \"pass\", got false"},
      // The objects themselves.
      {full_scenario(R"({ "tolerances": { "default": "10%" } })"),
       "/baseline/tolerances: unknown field; did you mean \"tolerance\"?"},
      {full_scenario(R"({ "tolerance": "10%" })"),
       "/baseline/tolerance: expected an object like {\"default\": \"10%\", \"load.api.p99\": \"2ms\"}, got \"10%\""},
      {full_scenario(R"("10%")"), "/baseline: expected an object, got \"10%\""},
  };
  for (const Case& c : cases) EXPECT_EQ(only_issue(c.scenario), c.issue);
}

TEST(BaselineParser, AlphaMayBeHalf) {
  EXPECT_DOUBLE_EQ(parse_scenario_text(full_scenario(R"({ "alpha": 0.5 })"), "s.json").baseline.alpha, 0.5);
}

}  // namespace
}  // namespace faultline::scenario
