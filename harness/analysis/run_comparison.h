// A run (or several repetitions of it) compared with a baseline (one or several saved runs),
// metric by metric (DESIGN.md, "Baseline comparison"):
// - noisy metrics by their distributions: with at least 4 runs on each side (enough for a
//   significant U test at alpha 0.05) one value per run; otherwise the steady window's
//   per-interval samples, pooled over the runs. Time-to-recover has no per-interval samples:
//   it always needs the runs. A regression needs significance AND a change beyond the
//   tolerance and the floor.
// - exact metrics (leaks, races, OOM kills, crashes) by the largest count over the runs.
// - a noisy value that some runs could not observe (a fault that never recovered): more
//   unobserved runs than the baseline had is a regression, fewer an improvement, whatever the
//   values.
// - a metric on one side only, or too few samples, is "insufficient": never a pass unless the
//   scenario accepts it (baseline.too_few_samples: "pass").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/result/comparable_metric.h"
#include "harness/result/comparison_record.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::analysis {

// Each run is its "analysis.comparable" list.
using ComparableRun = std::vector<result::ComparableMetric>;

struct ComparisonInputs {
  std::string baseline_path;
  std::string baseline_scenario;
  std::vector<ComparableRun> baseline;
  std::vector<ComparableRun> current;
  scenario::BaselineOptions options;  // the current scenario's "baseline" section
  double interval_s = 1;              // the current runs' series interval: time-to-recover's floor
};

// The default floors, in the metric's unit, below which no change matters: 1ms of latency, one
// percentage point of error rate, one series interval of time-to-recover (its resolution).
double default_floor(const std::string& unit, double interval_s);

// With no run on either side nothing is judged, and the record does not pass.
result::ComparisonRecord compare_runs(const ComparisonInputs& inputs);

// How the reasons comparison_reasons() gives begin.
inline constexpr std::string_view kRegressionReason = "regression: ";
inline constexpr std::string_view kCannotCompareReason = "cannot compare with the baseline: ";

// One line per regression and per insufficient metric that is not accepted, for the run's
// reasons: "regression: load.api.p99 during steady  1.2ms ± 3% → 6.4ms ± 2%  +429%  (p<0.001 n=20+20)".
std::vector<std::string> comparison_reasons(const result::ComparisonRecord& comparison);

// Records the comparison in the run: a failed comparison fails a passing run and adds its
// reasons (an interrupted run stays interrupted, with the reasons added).
void apply_comparison(result::RunResult& run, const result::ComparisonRecord& comparison);

}  // namespace faultline::analysis
