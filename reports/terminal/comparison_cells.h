// The cells of one compared metric as the terminal table and the CI reports show them, built
// from the record's numbers (not its one-line `text`) so that columns can line up, and the
// one-line tally of a whole comparison.
#pragma once

#include <string>

#include "harness/result/comparison_record.h"

namespace faultline::reports {

struct ComparisonCells {
  std::string metric;    // "load.api.p99 during steady"; the name alone for the whole run
  std::string baseline;  // noisy: "1.21ms ± 6%" ("± ∞": too few samples to bound it); exact: "0"
  std::string current;   // "n/a" when the side has no samples
  std::string delta;     // "+429%", "-3.5%"; exact: "+37"; "" when there is none
  std::string change;    // as benchstat: the delta of a regression or an improvement, "~" same, "?" insufficient
  std::string test;      // "p<0.001 n=20+20"; "n=1+1" without a p-value; "exact" for counts
};

ComparisonCells comparison_cells(const result::MetricComparisonRecord& metric);

// Whether the metric fails the comparison: a regression, or too few samples to judge when the
// scenario does not accept that.
bool fails_comparison(const result::MetricComparisonRecord& metric, const result::ComparisonRecord& comparison);

// How many runs each side has: "1 run → 4 runs".
std::string compared_runs(const result::ComparisonRecord& comparison);

// "no regression", or "1 regression, 1 insufficient (needs 4+4 runs: --repeat 4), 2 improvements"
// (the repeat hint when a metric takes one sample per run, otherwise "needs 4+4 samples").
std::string comparison_tally(const result::ComparisonRecord& comparison);

}  // namespace faultline::reports
