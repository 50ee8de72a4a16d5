// The sample median and a distribution-free confidence interval for it, built from order
// statistics and the binomial distribution (as benchstat does): no assumption about the shape
// of the latency or throughput distribution, which is rarely normal.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace faultline::analysis {

// The middle value; the mean of the two middle values for an even count. Empty for no samples.
std::optional<double> median(std::vector<double> samples);

// A confidence interval [low, high] for the population median.
//
// With the samples sorted as x(1) <= ... <= x(n), the interval [x(k), x(n-k+1)] covers the
// population median with probability P(k <= B <= n-k), B ~ Binomial(n, 1/2): the median lies
// between x(k) and x(n-k+1) exactly when at least k and at most n-k samples fall below it.
// We take the largest k (the narrowest interval) whose coverage is at least `confidence`.
//
// Small n: even [min, max] covers the median only with probability 1 - 2/2^n (0.9375 for n=5),
// so below 6 samples no interval reaches 95%. Then `bounded` is false, low/high are empty and
// the report says "± ∞" with the number of samples needed, exactly like benchstat; we never
// pretend a narrower interval at a lower level is the one asked for.
struct MedianInterval {
  std::size_t count = 0;           // samples
  std::optional<double> median;    // empty for no samples
  bool bounded = false;            // an interval at `confidence` exists for this count
  std::optional<double> low;       // x(k), when bounded
  std::optional<double> high;      // x(n-k+1), when bounded
  double coverage = 0;             // actual coverage of [low, high] (>= the level asked for)
  std::size_t low_order = 0;       // k, 1-based; 0 when not bounded
  std::size_t high_order = 0;      // n-k+1, 1-based; 0 when not bounded
};

MedianInterval median_interval(std::vector<double> samples, double confidence = 0.95);

// The smallest sample count for which median_interval() is bounded at `confidence`
// (6 for 95%, 8 for 99%), for messages like "need >= 6 samples".
std::size_t samples_needed_for_interval(double confidence = 0.95);

// The interval's half-width relative to the median, as a fraction: the larger of
// (high - median) and (median - low), over |median| (benchstat's "± 3%"). Empty when the
// interval is unbounded or the median is 0.
std::optional<double> relative_half_width(const MedianInterval& interval);

}  // namespace faultline::analysis
