// The median and its order-statistic confidence interval. Interval orders and coverages come
// from statistics_reference.py (exact binomial sums in fractions); sample values are picked so
// the order statistics can be read off by hand.
#include "harness/analysis/median.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

TEST(Median, OfOddEvenSingleAndEmptySamples) {
  struct Case {
    std::vector<double> samples;
    std::optional<double> expected;
  };
  const Case cases[] = {
      {{}, std::nullopt},
      {{7}, 7.0},
      {{3, 1, 2}, 2.0},
      {{4, 1, 3, 2}, 2.5},
      {{5, 5, 5, 5}, 5.0},
      {{-1, 10, 0}, 0.0},
  };
  for (const Case& c : cases) EXPECT_EQ(median(c.samples), c.expected) << c.samples.size();
}

TEST(MedianInterval, UsesTheOrderStatisticsTheBinomialDistributionGives) {
  // reference: statistics_reference.py, "median interval n=... 95%": (k, n-k+1, coverage).
  struct Case {
    std::size_t n;
    std::size_t low_order, high_order;
    double coverage;
  };
  const Case cases[] = {
      {6, 1, 6, 31.0 / 32},    {7, 1, 7, 63.0 / 64},          {8, 1, 8, 127.0 / 128},
      {9, 2, 8, 123.0 / 128},  {10, 2, 9, 501.0 / 512},       {11, 2, 10, 253.0 / 256},
      {12, 3, 10, 1969.0 / 2048}, {100, 40, 61, 0.9647997997822951},
  };
  for (const Case& c : cases) {
    // Samples 10, 20, ..., shuffled by reversing: x(k) is 10k.
    std::vector<double> samples;
    for (std::size_t i = c.n; i >= 1; --i) samples.push_back(10.0 * static_cast<double>(i));
    const MedianInterval interval = median_interval(samples);
    ASSERT_TRUE(interval.bounded) << c.n;
    EXPECT_EQ(interval.count, c.n);
    EXPECT_EQ(interval.low_order, c.low_order) << c.n;
    EXPECT_EQ(interval.high_order, c.high_order) << c.n;
    EXPECT_EQ(interval.low, 10.0 * static_cast<double>(c.low_order)) << c.n;
    EXPECT_EQ(interval.high, 10.0 * static_cast<double>(c.high_order)) << c.n;
    EXPECT_NEAR(interval.coverage, c.coverage, 1e-12) << c.n;
  }
}

TEST(MedianInterval, IsUnboundedBelowSixSamplesAtNinetyFivePercent) {
  // [min, max] of 5 samples covers the median with 1 - 2/32 = 0.9375 < 0.95.
  for (std::size_t n = 0; n <= 5; ++n) {
    const MedianInterval interval = median_interval(std::vector<double>(n, 1.0));
    EXPECT_FALSE(interval.bounded) << n;
    EXPECT_FALSE(interval.low) << n;
    EXPECT_FALSE(interval.high) << n;
    EXPECT_EQ(interval.count, n);
    EXPECT_EQ(interval.median.has_value(), n > 0);
  }
  EXPECT_EQ(samples_needed_for_interval(0.95), 6u);
  // reference: n=7 at 99% is unbounded, n=8 bounded with 127/128.
  EXPECT_EQ(samples_needed_for_interval(0.99), 8u);
  EXPECT_FALSE(median_interval(std::vector<double>(7, 1.0), 0.99).bounded);
  EXPECT_TRUE(median_interval(std::vector<double>(8, 1.0), 0.99).bounded);
}

TEST(MedianInterval, RelativeHalfWidthIsTheLargerSideOverTheMedian) {
  // n=10: [x(2), x(9)] = [11, 13.5] around the median (12+12.2)/2 = 12.1; the upper side
  // 1.4 is larger: 1.4 / 12.1.
  const MedianInterval interval = median_interval({10, 11, 11.5, 11.8, 12, 12.2, 12.4, 13, 13.5, 20});
  ASSERT_TRUE(interval.bounded);
  EXPECT_DOUBLE_EQ(*interval.median, 12.1);
  EXPECT_NEAR(*relative_half_width(interval), 1.4 / 12.1, 1e-12);
  EXPECT_FALSE(relative_half_width(median_interval({1, 2, 3})));
  EXPECT_FALSE(relative_half_width(median_interval(std::vector<double>(10, 0.0))));
}

TEST(MedianInterval, RejectsConfidenceOutsideZeroToOne) {
  EXPECT_THROW(median_interval({1, 2, 3}, 1.0), std::invalid_argument);
  EXPECT_THROW(median_interval({1, 2, 3}, 0.0), std::invalid_argument);
  EXPECT_THROW(samples_needed_for_interval(95), std::invalid_argument);
}

}  // namespace
}  // namespace faultline::analysis
