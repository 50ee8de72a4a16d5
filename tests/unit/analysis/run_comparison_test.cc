// Runs against a baseline, metric by metric: which samples are compared (per-interval or per
// run), the floors, tolerances from the scenario, unobserved values, exact counts, and metrics
// on one side only.
#include "harness/analysis/run_comparison.h"

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

using result::ComparableMetric;

ComparableMetric noisy(std::string metric, std::string unit, std::optional<double> value,
                       std::vector<double> samples = {}, std::string scope = "during steady") {
  ComparableMetric m;
  m.metric = std::move(metric);
  m.scope = std::move(scope);
  m.unit = std::move(unit);
  m.value = value;
  m.samples = std::move(samples);
  if (!value) m.note = "fault 1 never recovered";
  return m;
}

ComparableMetric exact(std::string metric, std::optional<double> value) {
  ComparableMetric m;
  m.metric = std::move(metric);
  m.unit = "count";
  m.exact = true;
  m.value = value;
  if (!value) m.note = "the leak check could not decide";
  return m;
}

ComparableMetric ttr(std::optional<double> seconds) {
  return noisy("recovery.time_to_recover", "s", seconds, {}, "during fault 1");
}

std::vector<double> shifted(std::vector<double> values, double by) {
  for (double& v : values) v += by;
  return values;
}

// Twenty per-interval p99 values of a quiet loopback service, in ms.
const std::vector<double> kP99{1.10, 1.21, 1.05, 1.32, 1.18, 1.25, 1.09, 1.41, 1.15, 1.22,
                               1.30, 1.12, 1.19, 1.27, 1.08, 1.35, 1.16, 1.24, 1.11, 1.29};

ComparisonInputs inputs(std::vector<ComparableRun> baseline, std::vector<ComparableRun> current) {
  ComparisonInputs in;
  in.baseline_path = "base.json";
  in.baseline_scenario = "smoke";
  in.baseline = std::move(baseline);
  in.current = std::move(current);
  in.interval_s = 0.5;
  return in;
}

const result::MetricComparisonRecord& only(const result::ComparisonRecord& record) {
  EXPECT_EQ(record.metrics.size(), 1u);
  return record.metrics.front();
}

TEST(RunComparison, SameIntervalSamplesAreNoRegression) {
  const auto record = compare_runs(inputs({{noisy("load.api.p99", "ms", 1.2, kP99)}},
                                          {{noisy("load.api.p99", "ms", 1.2, kP99)}}));
  EXPECT_EQ(only(record).verdict, "same");
  EXPECT_EQ(only(record).samples, "intervals");
  EXPECT_EQ(only(record).baseline.n, 20u);
  EXPECT_TRUE(record.passed);
  EXPECT_TRUE(comparison_reasons(record).empty());
}

TEST(RunComparison, SlowerTargetIsARegressionWithAReason) {
  const auto record = compare_runs(inputs({{noisy("load.api.p99", "ms", 1.2, kP99)}},
                                          {{noisy("load.api.p99", "ms", 6.2, shifted(kP99, 5))}}));
  EXPECT_EQ(only(record).verdict, "regressed");
  EXPECT_LT(*only(record).p, 0.001);
  EXPECT_EQ(record.regressions, 1u);
  EXPECT_FALSE(record.passed);
  const auto reasons = comparison_reasons(record);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].rfind("regression: load.api.p99 during steady", 0), 0u) << reasons[0];
}

TEST(RunComparison, ChangesUnderTheFloorAreNoise) {
  // +0.5 ms is +40% of the median and entirely apart, but under the default 1 ms floor.
  const auto record = compare_runs(inputs({{noisy("load.api.p99", "ms", 1.2, kP99)}},
                                          {{noisy("load.api.p99", "ms", 1.7, shifted(kP99, 0.5))}}));
  EXPECT_EQ(only(record).verdict, "same");
  EXPECT_EQ(*only(record).floor, 1.0);
}

TEST(RunComparison, TheScenarioSetsTolerancesPerMetric) {
  ComparisonInputs in = inputs({{noisy("load.api.p99", "ms", 1.2, kP99)}},
                               {{noisy("load.api.p99", "ms", 1.7, shifted(kP99, 0.5))}});
  in.options.tolerances["load.api.p99"] = scenario::Tolerance{std::nullopt, 0.2};  // 0.2 ms
  EXPECT_EQ(only(compare_runs(in)).verdict, "regressed");
  in.options.tolerances["load.api.p99"] = scenario::Tolerance{0.5, 0.2};  // and 50%
  EXPECT_EQ(only(compare_runs(in)).verdict, "same");
}

TEST(RunComparison, LowerThroughputIsTheRegression) {
  const std::vector<double> rps{500, 498, 502, 501, 499, 500, 503, 497, 500, 501};
  const auto record = compare_runs(inputs({{noisy("load.api.throughput", "req/s", 500, rps)}},
                                          {{noisy("load.api.throughput", "req/s", 400, shifted(rps, -100))}}));
  EXPECT_EQ(only(record).verdict, "regressed");
  const auto better = compare_runs(inputs({{noisy("load.api.throughput", "req/s", 400, shifted(rps, -100))}},
                                          {{noisy("load.api.throughput", "req/s", 500, rps)}}));
  EXPECT_EQ(only(better).verdict, "improved");
  EXPECT_TRUE(better.passed);
}

TEST(RunComparison, OneRunOfTimeToRecoverIsTooFewAndNotAPass) {
  const auto record = compare_runs(inputs({{ttr(1.0)}}, {{ttr(3.0)}}));
  EXPECT_EQ(only(record).verdict, "insufficient");
  EXPECT_EQ(only(record).samples, "runs");
  EXPECT_NE(only(record).note.find("--repeat 4"), std::string::npos) << only(record).note;
  EXPECT_FALSE(record.passed);
  ASSERT_EQ(comparison_reasons(record).size(), 1u);

  ComparisonInputs accepted = inputs({{ttr(1.0)}}, {{ttr(3.0)}});
  accepted.options.too_few_samples_pass = true;
  const auto record_accepted = compare_runs(accepted);
  EXPECT_TRUE(record_accepted.passed);
  EXPECT_TRUE(comparison_reasons(record_accepted).empty());
}

TEST(RunComparison, RepetitionsCompareOneValuePerRun) {
  std::vector<ComparableRun> baseline, slower, same;
  for (const double s : {1.0, 1.5, 1.0, 1.5, 2.0}) {
    baseline.push_back({ttr(s)});
    slower.push_back({ttr(s + 4)});
    same.push_back({ttr(s)});
  }
  EXPECT_EQ(only(compare_runs(inputs(baseline, slower))).verdict, "regressed");
  EXPECT_EQ(only(compare_runs(inputs(baseline, same))).verdict, "same");

  // Load metrics too use per-run values once both sides have 4 runs.
  std::vector<ComparableRun> five_runs;
  for (int i = 0; i < 5; ++i) five_runs.push_back({noisy("load.api.p99", "ms", 1.2 + 0.01 * i, kP99)});
  const auto by_runs = compare_runs(inputs(five_runs, five_runs));
  EXPECT_EQ(only(by_runs).samples, "runs");
  EXPECT_EQ(only(by_runs).current.n, 5u);
}

TEST(RunComparison, NeverRecoveringWhereTheBaselineRecoveredIsARegression) {
  const auto record = compare_runs(inputs({{ttr(1.0)}}, {{ttr(std::nullopt)}}));
  EXPECT_EQ(only(record).verdict, "regressed");
  EXPECT_NE(only(record).note.find("not observed in 1 of 1 run"), std::string::npos) << only(record).note;
  EXPECT_NE(only(record).note.find("never recovered"), std::string::npos);
  // Neither side observed it: nothing to say against this run.
  EXPECT_EQ(only(compare_runs(inputs({{ttr(std::nullopt)}}, {{ttr(std::nullopt)}}))).verdict, "same");
}

TEST(RunComparison, RecoveringWhereTheBaselineNeverDidIsAnImprovement) {
  const auto record = compare_runs(inputs({{ttr(std::nullopt)}}, {{ttr(2.0)}}));
  EXPECT_EQ(only(record).verdict, "improved");
  EXPECT_TRUE(record.passed);
}

TEST(RunComparison, NothingToCompareDoesNotPass) {
  EXPECT_FALSE(compare_runs(inputs({}, {})).passed);
  EXPECT_FALSE(compare_runs(inputs({{ttr(1.0)}}, {})).passed);
}

TEST(RunComparison, ExactCountsCompareTheLargestOverTheRuns) {
  const auto leak = compare_runs(inputs({{exact("target.threads_leaked", 0)}}, {{exact("target.threads_leaked", 37)}}));
  EXPECT_EQ(only(leak).verdict, "regressed");
  EXPECT_EQ(only(leak).kind, "exact");
  EXPECT_EQ(*only(leak).current.median, 37);
  const auto fixed = compare_runs(inputs({{exact("logs.data_races", 3)}}, {{exact("logs.data_races", 0)}}));
  EXPECT_EQ(only(fixed).verdict, "improved");
  // One leaking repetition of three is a leak.
  const auto one_of_three = compare_runs(inputs({{exact("target.fds_leaked", 0)}},
                                                {{exact("target.fds_leaked", 0)},
                                                 {exact("target.fds_leaked", 12)},
                                                 {exact("target.fds_leaked", 0)}}));
  EXPECT_EQ(only(one_of_three).verdict, "regressed");
  const auto unknown = compare_runs(inputs({{exact("target.threads_leaked", std::nullopt)}},
                                           {{exact("target.threads_leaked", 0)}}));
  EXPECT_EQ(only(unknown).verdict, "insufficient");
  EXPECT_NE(only(unknown).note.find("could not decide"), std::string::npos) << only(unknown).note;
}

TEST(RunComparison, AMetricOnOneSideOnlyCannotBeJudged) {
  const auto record = compare_runs(inputs({{noisy("load.old.p99", "ms", 1.2, kP99)}},
                                          {{noisy("load.api.p99", "ms", 1.2, kP99)}}));
  ASSERT_EQ(record.metrics.size(), 2u);
  EXPECT_EQ(record.metrics[0].metric, "load.api.p99");
  EXPECT_EQ(record.metrics[0].note, "not in the baseline (save a new one)");
  EXPECT_EQ(record.metrics[1].note, "not measured by this run");
  EXPECT_EQ(record.insufficient, 2u);
  EXPECT_FALSE(record.passed);
}

TEST(RunComparison, DefaultFloors) {
  EXPECT_EQ(default_floor("ms", 0.5), 1.0);
  EXPECT_EQ(default_floor("%", 0.5), 0.01);
  EXPECT_EQ(default_floor("s", 0.5), 0.5);
  EXPECT_EQ(default_floor("req/s", 0.5), 0.0);
}

TEST(RunComparison, ApplyingAFailedComparisonFailsThePassingRun) {
  const auto record = compare_runs(inputs({{noisy("load.api.p99", "ms", 1.2, kP99)}},
                                          {{noisy("load.api.p99", "ms", 6.2, shifted(kP99, 5))}}));
  result::RunResult run;
  apply_comparison(run, record);
  EXPECT_EQ(run.verdict, result::Verdict::fail);
  ASSERT_EQ(run.reasons.size(), 1u);
  ASSERT_TRUE(run.comparison);
  result::RunResult interrupted;
  interrupted.verdict = result::Verdict::interrupted;
  apply_comparison(interrupted, record);
  EXPECT_EQ(interrupted.verdict, result::Verdict::interrupted);
}

}  // namespace
}  // namespace faultline::analysis
