// A run (or a set of repetitions) compared with a stored baseline, as result.json writes it under
// "comparison" and the reports render it (DESIGN.md, "Baseline comparison").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace faultline::result {

// One side of a comparison. Noisy metrics: the median of the samples and its confidence
// interval (unset bounds: too few samples to bound it). Exact metrics: n = runs, median = the
// count (the largest over the runs).
struct SampleSummary {
  std::size_t n = 0;
  std::optional<double> median;
  std::optional<double> low;
  std::optional<double> high;
};

struct MetricComparisonRecord {
  std::string metric;  // a catalogue name: "load.api.p99", "recovery.time_to_recover", "target.threads_leaked"
  std::string scope;   // "during steady", "during fault 1"; "" for the whole run
  std::string unit;    // the catalogue's unit name: "ms", "s", "req/s", "%" (a fraction), "count", "bytes"
  std::string kind;    // "noisy" (distributions) or "exact" (counts)
  // noisy: "intervals" (per-interval samples of the steady window, pooled over the runs) or
  // "runs" (one value per repetition); exact: "counts".
  std::string samples;
  std::string verdict;  // "same", "regressed", "improved" or "insufficient"
  SampleSummary baseline;
  SampleSummary current;
  std::optional<double> delta;       // (current - baseline) / |baseline| of the medians, a fraction
  std::optional<double> p;           // noisy: the two-sided Mann-Whitney p-value
  double tolerance = 0;              // relative change that matters, a fraction
  std::optional<double> floor;       // absolute change that matters, in `unit`, when there is one
  std::string text;                  // the benchstat-like line ("load.api.p99  1.2ms ± 3% → ...")
  std::string note;                  // insufficient: what is missing, in plain words
};

struct ComparisonRecord {
  std::string baseline_path;          // as given on the command line
  std::string baseline_scenario;      // the scenario name the baseline was saved from
  std::size_t baseline_runs = 0;
  std::size_t current_runs = 0;
  double alpha = 0.05;
  bool too_few_samples_pass = false;  // the scenario accepts "insufficient" as a pass
  std::vector<MetricComparisonRecord> metrics;
  std::size_t regressions = 0;
  std::size_t improvements = 0;
  std::size_t insufficient = 0;
  bool passed = true;  // no regression, and no insufficient metric unless accepted
};

}  // namespace faultline::result
