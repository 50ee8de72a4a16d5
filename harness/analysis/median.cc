#include "harness/analysis/median.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace faultline::analysis {
namespace {

void check_confidence(double confidence) {
  if (!(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument("a confidence level must lie strictly between 0 and 1");
  }
}

// P(B = i) for B ~ Binomial(n, 1/2), in log space so that n in the thousands does not
// underflow 2^-n before the binomial coefficient can make up for it.
double half_binomial_pmf(std::size_t n, std::size_t i) {
  const double log_choose = std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(i) + 1) -
                            std::lgamma(static_cast<double>(n - i) + 1);
  return std::exp(log_choose - static_cast<double>(n) * std::log(2.0));
}

}  // namespace

std::optional<double> median(std::vector<double> samples) {
  if (samples.empty()) return std::nullopt;
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  if (n % 2 == 1) return samples[n / 2];
  return (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

MedianInterval median_interval(std::vector<double> samples, double confidence) {
  check_confidence(confidence);
  MedianInterval interval;
  interval.count = samples.size();
  interval.median = median(samples);
  const std::size_t n = samples.size();
  if (n == 0) return interval;

  // below = P(B <= k-1); the coverage of [x(k), x(n-k+1)] is 1 - 2*below. Grow k while the
  // next, narrower interval still reaches the level; k never passes the middle.
  double below = half_binomial_pmf(n, 0);
  if (1 - 2 * below < confidence) return interval;
  std::size_t k = 1;
  while (k + 1 <= (n + 1) / 2) {
    const double next_below = below + half_binomial_pmf(n, k);
    if (1 - 2 * next_below < confidence) break;
    below = next_below;
    ++k;
  }
  std::sort(samples.begin(), samples.end());
  interval.bounded = true;
  interval.low_order = k;
  interval.high_order = n - k + 1;
  interval.low = samples[k - 1];
  interval.high = samples[n - k];
  interval.coverage = 1 - 2 * below;
  return interval;
}

std::size_t samples_needed_for_interval(double confidence) {
  check_confidence(confidence);
  // [min, max] of n samples covers the median with probability 1 - 2^(1-n); 1 - 2^-1074 is
  // already 1 in a double, so the bound is never reached for a valid level.
  std::size_t n = 1;
  while (n < 1100 && 1 - std::ldexp(1.0, 1 - static_cast<int>(n)) < confidence) ++n;
  return n;
}

std::optional<double> relative_half_width(const MedianInterval& interval) {
  if (!interval.bounded || !interval.median || *interval.median == 0) return std::nullopt;
  const double center = *interval.median;
  return std::max(*interval.high - center, center - *interval.low) / std::abs(center);
}

}  // namespace faultline::analysis
