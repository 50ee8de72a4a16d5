// Baseline comparison of one metric (DESIGN.md, "Baseline comparison"): noisy metrics by
// median, confidence interval and Mann-Whitney U test; exact metrics (counts of bad things) by
// their counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/analysis/mann_whitney.h"
#include "harness/analysis/median.h"

namespace faultline::analysis {

enum class Direction {
  higher_is_worse,  // latency, error rate, time-to-recover
  lower_is_worse,   // throughput, availability
};

enum class ComparisonVerdict {
  same,          // shown as "~": no significant change beyond the tolerance
  regressed,
  improved,
  insufficient,  // too few samples to ever reach significance: never a pass
};
std::string to_string(ComparisonVerdict verdict);  // "same", "regressed", ...

struct ComparisonOptions {
  double tolerance = 0.10;   // relative change that matters, a fraction of the baseline median
  double alpha = 0.05;       // significance level of the U test
  double confidence = 0.95;  // level of the median intervals shown
  // The smallest change of the medians that matters, in the samples' unit, whatever the
  // relative tolerance says (1ms of p99 on a 0.2ms baseline is +500% and still noise); 0: none.
  double floor = 0;
};

struct NoisyComparison {
  MedianInterval baseline;
  MedianInterval current;
  // (current - baseline) / |baseline| of the medians, a fraction; +-infinity when the baseline
  // median is 0 and the current one is not; empty when a sample is empty.
  std::optional<double> delta;
  MannWhitneyResult test;
  double smallest_possible_p = 1;  // for these sample sizes (see smallest_possible_p())
  ComparisonOptions options;
  ComparisonVerdict verdict = ComparisonVerdict::insufficient;
  std::string note;  // for insufficient: what is missing, in plain words
};

// Insufficient when a sample is empty or even samples entirely apart could not reach p < alpha
// (with 2+2 samples the smallest possible p is 1/3). Otherwise a change is a regression (or an
// improvement, by `direction`) only when it is significant (p < alpha) AND the medians differ by
// more than the tolerance and the floor; anything else is "same". Samples must be finite.
NoisyComparison compare_samples(const std::vector<double>& baseline, const std::vector<double>& current,
                                Direction direction, const ComparisonOptions& options = {});

// Counts where any increase is a regression (leaked threads, races, OOM kills, crashes).
struct ExactComparison {
  std::uint64_t baseline = 0;
  std::uint64_t current = 0;
  ComparisonVerdict verdict = ComparisonVerdict::same;
};
ExactComparison compare_counts(std::uint64_t baseline, std::uint64_t current);

// The smallest equal sample size n for which n+n samples can reach p < alpha (4 at 0.05), for
// "need >= 4+4 samples" in messages. Bounded: returns kExactLimit + 1 past it.
std::size_t samples_needed_for_significance(double alpha);

}  // namespace faultline::analysis
