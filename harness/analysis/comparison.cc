#include "harness/analysis/comparison.h"

#include <cmath>
#include <limits>

#include "harness/analysis/value_format.h"

namespace faultline::analysis {
namespace {

std::optional<double> relative_delta(const MedianInterval& baseline, const MedianInterval& current) {
  if (!baseline.median || !current.median) return std::nullopt;
  const double difference = *current.median - *baseline.median;
  if (*baseline.median == 0) {
    if (difference == 0) return 0.0;
    return difference > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  }
  return difference / std::abs(*baseline.median);
}

std::string insufficient_note(std::size_t n1, std::size_t n2, double smallest_p, double alpha) {
  const std::string sizes = "n=" + std::to_string(n1) + "+" + std::to_string(n2);
  if (n1 == 0 || n2 == 0) return "no samples to compare (" + sizes + ")";
  const std::size_t needed = samples_needed_for_significance(alpha);
  return "too few samples: with " + sizes + " the smallest possible p is " + significant(smallest_p) +
         ", not below alpha=" + significant(alpha) + "; need >= " + std::to_string(needed) + "+" +
         std::to_string(needed) + " samples (or more on one side)";
}

}  // namespace

std::string to_string(ComparisonVerdict verdict) {
  switch (verdict) {
    case ComparisonVerdict::same: return "same";
    case ComparisonVerdict::regressed: return "regressed";
    case ComparisonVerdict::improved: return "improved";
    case ComparisonVerdict::insufficient: return "insufficient";
  }
  return "insufficient";
}

std::size_t samples_needed_for_significance(double alpha) {
  std::size_t n = 1;
  while (n <= kExactLimit && smallest_possible_p(n, n) >= alpha) ++n;
  return n;
}

NoisyComparison compare_samples(const std::vector<double>& baseline, const std::vector<double>& current,
                                Direction direction, const ComparisonOptions& options) {
  NoisyComparison comparison;
  comparison.options = options;
  comparison.baseline = median_interval(baseline, options.confidence);
  comparison.current = median_interval(current, options.confidence);
  comparison.delta = relative_delta(comparison.baseline, comparison.current);
  comparison.test = mann_whitney_u(baseline, current);
  comparison.smallest_possible_p = smallest_possible_p(baseline.size(), current.size());

  if (baseline.empty() || current.empty() || comparison.smallest_possible_p >= options.alpha) {
    comparison.verdict = ComparisonVerdict::insufficient;
    comparison.note =
        insufficient_note(baseline.size(), current.size(), comparison.smallest_possible_p, options.alpha);
    return comparison;
  }
  const bool significant_change = comparison.test.p < options.alpha;
  const bool beyond_tolerance = comparison.delta && std::abs(*comparison.delta) > options.tolerance &&
                                std::abs(*comparison.current.median - *comparison.baseline.median) > options.floor;
  if (!significant_change || !beyond_tolerance) {
    comparison.verdict = ComparisonVerdict::same;
    return comparison;
  }
  const bool went_up = *comparison.delta > 0;
  const bool worse = direction == Direction::higher_is_worse ? went_up : !went_up;
  comparison.verdict = worse ? ComparisonVerdict::regressed : ComparisonVerdict::improved;
  return comparison;
}

ExactComparison compare_counts(std::uint64_t baseline, std::uint64_t current) {
  ExactComparison comparison{baseline, current, ComparisonVerdict::same};
  if (current > baseline) comparison.verdict = ComparisonVerdict::regressed;
  if (current < baseline) comparison.verdict = ComparisonVerdict::improved;
  return comparison;
}

}  // namespace faultline::analysis
