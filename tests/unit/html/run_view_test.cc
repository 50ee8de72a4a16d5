// Reading result.json into the report's typed values, including results that lack sections or
// carry the wrong types.
#include <gtest/gtest.h>

#include "reports/html/run_view.h"
#include "sample_result.h"

namespace faultline::reports::html {
namespace {

TEST(RunView, ReadsEverySectionOfAFullResult) {
  const RunView run = read_run(testing::sample_result());
  EXPECT_EQ(run.name, "kv-latency");
  EXPECT_EQ(run.verdict, "fail");
  ASSERT_EQ(run.reasons.size(), 1u);
  EXPECT_DOUBLE_EQ(run.duration_s, 6);
  EXPECT_DOUBLE_EQ(run.warmup_s, 1);
  EXPECT_EQ(run.target_command, "/opt/kvstore --port 4242");
  ASSERT_TRUE(run.memory_limit_bytes);
  EXPECT_DOUBLE_EQ(*run.memory_limit_bytes, 256.0 * 1024 * 1024);

  ASSERT_EQ(run.generators.size(), 1u);
  const GeneratorView& api = run.generators[0];
  EXPECT_EQ(api.model, "open");
  EXPECT_EQ(api.rate, "200/s for 6s (ramp 1s)");
  EXPECT_DOUBLE_EQ(api.error_count, 20);
  ASSERT_EQ(api.series.t_s.size(), 6u);
  ASSERT_EQ(api.series.errors_by_class.size(), 2u);
  EXPECT_EQ(api.series.errors_by_class.at("reset"), (std::vector<double>{0, 0, 5, 5, 0, 0}));

  ASSERT_EQ(run.faults.size(), 1u);
  EXPECT_DOUBLE_EQ(run.faults[0].from_s(6), 2.001);
  EXPECT_DOUBLE_EQ(run.faults[0].to_s(6), 4.002);
  ASSERT_EQ(run.events.size(), 1u);
  EXPECT_EQ(run.events[0].label(), "exit (SIGKILL)");
  ASSERT_EQ(run.resources.size(), 4u);
  EXPECT_EQ(run.resources[0].name, "rss_bytes");
  EXPECT_EQ(run.resources[1].name, "threads");
  ASSERT_EQ(run.expectations.size(), 2u);
  EXPECT_EQ(run.expectations[1].passed, false);
  ASSERT_EQ(run.findings.size(), 1u);
  EXPECT_EQ(run.leaks.at("threads"), 5);
  ASSERT_EQ(run.recovery.size(), 1u);
  EXPECT_DOUBLE_EQ(*run.recovery[0].time_to_recover_s, 0.5);
}

TEST(RunView, ReadsNothingFromSomethingThatIsNotAResult) {
  for (const nlohmann::json& junk : {nlohmann::json(), nlohmann::json(42), nlohmann::json::array({1, 2}), nlohmann::json("text")}) {
    const RunView run = read_run(junk);
    EXPECT_TRUE(run.name.empty());
    EXPECT_TRUE(run.generators.empty());
    EXPECT_DOUBLE_EQ(run.interval_s, 1);
  }
}

TEST(RunView, ToleratesWrongTypesInEveryField) {
  nlohmann::json result = testing::sample_result();
  result["run"]["duration_s"] = "six";
  result["intervals_s"] = -1;
  result["faults"][0]["planned"] = "soon";
  result["target"]["events"][0]["t"] = nullptr;
  result["load"]["api"]["series"][1] = 7;
  result["expectations"][0]["passed"] = "yes";
  result["analysis"]["recovery"][0]["fault"] = -3;
  const RunView run = read_run(result);
  EXPECT_DOUBLE_EQ(run.duration_s, 0);
  EXPECT_DOUBLE_EQ(run.interval_s, 1);
  EXPECT_TRUE(std::isnan(run.faults[0].planned_at_s));
  EXPECT_TRUE(std::isnan(run.events[0].t_s));
  EXPECT_TRUE(std::isnan(run.generators[0].series.throughput_rps[1]));
  EXPECT_FALSE(run.expectations[0].passed);
  EXPECT_TRUE(run.recovery.empty());
}

TEST(RunView, ReadsTheComparisonWithTheBaseline) {
  nlohmann::json result = testing::sample_result();
  result["comparison"] = testing::sample_comparison();
  const RunView run = read_run(result);
  ASSERT_TRUE(run.comparison);
  const ComparisonView& comparison = *run.comparison;
  EXPECT_EQ(comparison.baseline_path, "scenarios/baselines/kv-latency.json");
  EXPECT_EQ(comparison.baseline_scenario, "kv-latency");
  EXPECT_DOUBLE_EQ(comparison.baseline_runs, 1);
  EXPECT_DOUBLE_EQ(comparison.alpha, 0.05);
  EXPECT_FALSE(comparison.too_few_samples_pass);
  EXPECT_EQ(comparison.passed, false);
  ASSERT_EQ(comparison.metrics.size(), 5u);
  const MetricComparisonView& p99 = comparison.metrics[0];
  EXPECT_EQ(p99.label(), "load.api.p99 during steady");
  EXPECT_EQ(p99.verdict, "regressed");
  EXPECT_DOUBLE_EQ(p99.baseline.n, 20);
  EXPECT_DOUBLE_EQ(*p99.current.high, 6.52);
  EXPECT_DOUBLE_EQ(*p99.delta, 4.29);
  EXPECT_DOUBLE_EQ(*p99.p, 1e-7);
  const MetricComparisonView& recovery = comparison.metrics[3];
  EXPECT_FALSE(recovery.baseline.low);
  EXPECT_FALSE(recovery.p);
  EXPECT_TRUE(recovery.note.starts_with("too few samples"));
  const MetricComparisonView& threads = comparison.metrics[4];
  EXPECT_TRUE(threads.exact());
  EXPECT_EQ(threads.label(), "target.threads_leaked");
  EXPECT_FALSE(threads.delta);
}

TEST(RunView, ReadsNoComparisonWhenItIsAbsentNullOrNotAnObject) {
  nlohmann::json result = testing::sample_result();
  EXPECT_FALSE(read_run(result).comparison);
  result.erase("comparison");
  EXPECT_FALSE(read_run(result).comparison);
  for (const nlohmann::json& junk : {nlohmann::json(3), nlohmann::json("none"), nlohmann::json::array({testing::sample_comparison()})}) {
    result["comparison"] = junk;
    EXPECT_FALSE(read_run(result).comparison) << junk.dump();
  }
}

TEST(RunView, ToleratesWrongTypesInTheComparison) {
  nlohmann::json result = testing::sample_result();
  result["comparison"] = testing::sample_comparison();
  nlohmann::json& comparison = result["comparison"];
  comparison["alpha"] = "5%";
  comparison["too_few_samples_pass"] = "yes";
  comparison["passed"] = 0;
  comparison["metrics"][0]["baseline"] = "wide";
  comparison["metrics"][0]["current"]["n"] = "20";
  comparison["metrics"][0]["delta"] = "+429%";
  comparison["metrics"][0]["p"] = nullptr;
  comparison["metrics"][1] = 7;
  const RunView run = read_run(result);
  ASSERT_TRUE(run.comparison);
  EXPECT_TRUE(std::isnan(run.comparison->alpha));
  EXPECT_FALSE(run.comparison->too_few_samples_pass);
  EXPECT_FALSE(run.comparison->passed);
  ASSERT_EQ(run.comparison->metrics.size(), 4u);
  const MetricComparisonView& p99 = run.comparison->metrics[0];
  EXPECT_FALSE(p99.baseline.median);
  EXPECT_TRUE(std::isnan(p99.current.n));
  EXPECT_DOUBLE_EQ(*p99.current.median, 6.4);
  EXPECT_FALSE(p99.delta);
  EXPECT_FALSE(p99.p);
  EXPECT_EQ(run.comparison->metrics[1].metric, "load.api.throughput");

  comparison["metrics"] = "all";
  EXPECT_TRUE(read_run(result).comparison->metrics.empty());
}

TEST(RunView, LeavesLatencyBlankInIntervalsWhereNothingFinished) {
  nlohmann::json result = testing::minimal_result();
  result["load"]["api"]["series"][5] = {{"t", 5}, {"sent", 0}, {"ok", 0}, {"errors", nlohmann::json::object()}, {"throughput_rps", 0},
                                        {"p50_ms", 0}, {"p90_ms", 0}, {"p99_ms", 0}, {"max_ms", 0}};
  const GeneratorView g = read_run(result).generators[0];
  EXPECT_TRUE(std::isnan(g.series.p99_ms[5]));
  EXPECT_DOUBLE_EQ(g.series.throughput_rps[5], 0);
}

// The sample's generator "api" planned from 2s for 2s: idle in the intervals before and after.
nlohmann::json result_with_api_from_2s_for_2s() {
  nlohmann::json result = testing::minimal_result();
  result["scenario"]["load"][0]["start"] = "2s";
  result["scenario"]["load"][0]["for"] = "2s";
  for (const int idle : {0, 1, 4, 5}) {
    result["load"]["api"]["series"][idle] = {{"t", idle}, {"sent", 0}, {"ok", 0}, {"errors", nlohmann::json::object()}, {"throughput_rps", 0}};
  }
  return result;
}

TEST(RunView, LeavesThroughputAndErrorsBlankWhileAGeneratorIsNotRunning) {
  const GeneratorView g = read_run(result_with_api_from_2s_for_2s()).generators[0];
  EXPECT_TRUE(std::isnan(g.series.throughput_rps[1]));
  EXPECT_DOUBLE_EQ(g.series.throughput_rps[2], 185);
  EXPECT_DOUBLE_EQ(g.series.throughput_rps[3], 195);
  EXPECT_TRUE(std::isnan(g.series.throughput_rps[4]));
  EXPECT_TRUE(std::isnan(g.series.errors_by_class.at("reset")[4]));
  EXPECT_DOUBLE_EQ(g.series.errors_by_class.at("reset")[3], 5);
}

TEST(RunView, KeepsAnIntervalAfterAGeneratorStoppedThatRecordedSomething) {
  nlohmann::json result = result_with_api_from_2s_for_2s();
  // Responses to requests sent just before the end arrive in the interval after it.
  result["load"]["api"]["series"][4] = {{"t", 4}, {"ok", 3}, {"errors", {{"timeout", 1}}}, {"throughput_rps", 4}};
  const GeneratorView g = read_run(result).generators[0];
  EXPECT_DOUBLE_EQ(g.series.throughput_rps[4], 4);
  EXPECT_DOUBLE_EQ(g.series.errors_by_class.at("timeout")[4], 1);
  EXPECT_TRUE(std::isnan(g.series.throughput_rps[5]));
}

TEST(RunView, AFaultWithoutAnEndLastsUntilTheEndOfTheRun) {
  nlohmann::json result = testing::sample_result();
  result["faults"][0]["planned"]["for"] = nullptr;
  result["faults"][0]["actual"].erase("end");
  const RunView run = read_run(result);
  EXPECT_FALSE(run.faults[0].planned_for_s);
  EXPECT_DOUBLE_EQ(run.faults[0].to_s(6), 6);
}

TEST(RunView, APlannedFaultThatNeverStartedIsPlacedWhereItWasPlanned) {
  nlohmann::json result = testing::sample_result();
  result["faults"][0].erase("actual");
  const RunView run = read_run(result);
  EXPECT_DOUBLE_EQ(run.faults[0].from_s(6), 2);
  EXPECT_DOUBLE_EQ(run.faults[0].to_s(6), 4);
}

TEST(RunView, KeepsTheScenariosOrderOfLoadGenerators) {
  nlohmann::json result = testing::minimal_result();
  nlohmann::json zeta = result["scenario"]["load"][0];
  zeta["name"] = "zeta";
  result["scenario"]["load"].insert(result["scenario"]["load"].begin(), zeta);
  result["load"]["zeta"] = result["load"]["api"];
  result["load"]["unplanned"] = result["load"]["api"];
  const RunView run = read_run(result);
  ASSERT_EQ(run.generators.size(), 3u);
  EXPECT_EQ(run.generators[0].name, "zeta");
  EXPECT_EQ(run.generators[1].name, "api");
  EXPECT_EQ(run.generators[2].name, "unplanned");
}

}  // namespace
}  // namespace faultline::reports::html
