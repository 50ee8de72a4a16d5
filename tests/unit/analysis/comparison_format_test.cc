// The benchstat-like comparison lines and the number formats they use.
#include "harness/analysis/comparison_format.h"

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

TEST(ValueFormat, ThreeSignificantDigitsScaledToTheUnit) {
  struct Case {
    double value;
    MetricUnit unit;
    const char* text;
  };
  const Case cases[] = {
      {12.1, MetricUnit::milliseconds, "12.1ms"},   {0.1812, MetricUnit::milliseconds, "0.181ms"},
      {250, MetricUnit::milliseconds, "250ms"},     {1520, MetricUnit::milliseconds, "1.52s"},
      {2.4, MetricUnit::seconds, "2.4s"},           {0.25, MetricUnit::seconds, "250ms"},
      {0, MetricUnit::seconds, "0s"},               {64.0 * 1024 * 1024, MetricUnit::bytes, "64MiB"},
      {1536, MetricUnit::bytes, "1.5KiB"},          {100, MetricUnit::bytes, "100B"},
      {41203.2, MetricUnit::per_second, "41203/s"}, {9.5, MetricUnit::per_second, "9.5/s"},
      {0.012, MetricUnit::fraction, "1.2%"},        {0.00051, MetricUnit::fraction, "0.051%"},
      {37, MetricUnit::count, "37"},                {36.5, MetricUnit::count, "36.5"},
      {-3.14159, MetricUnit::count, "-3.14"},       {999.7, MetricUnit::milliseconds, "1000ms"},
  };
  for (const Case& c : cases) EXPECT_EQ(format_value(c.value, c.unit), c.text) << c.value;
}

TEST(ComparisonFormat, PAndDelta) {
  EXPECT_EQ(format_p(0.002), "p=0.002");
  EXPECT_EQ(format_p(0.41), "p=0.41");
  EXPECT_EQ(format_p(1.0 / 3), "p=0.33");
  EXPECT_EQ(format_p(1), "p=1");
  EXPECT_EQ(format_p(0.0007), "p<0.001");
  EXPECT_EQ(format_delta(0.27), "+27%");
  EXPECT_EQ(format_delta(-0.035), "-3.5%");
  EXPECT_EQ(format_delta(1.0 / 0.0), "+∞%");
}

// Two samples of 10 around 12.1 ms and 15.4 ms, each with its interval [x(2), x(9)] chosen so
// the larger side is 3% and 2% of the median.
const std::vector<double> kBaseline{11.5, 11.74, 11.8, 12.0, 12.1, 12.1, 12.2, 12.3, 12.463, 13.0};
const std::vector<double> kSlower{15.0, 15.1, 15.2, 15.3, 15.4, 15.4, 15.5, 15.6, 15.708, 16.0};

TEST(ComparisonFormat, ReadsLikeBenchstat) {
  NoisyComparison comparison = compare_samples(kBaseline, kSlower, Direction::higher_is_worse);
  ASSERT_EQ(comparison.verdict, ComparisonVerdict::regressed);
  // Entirely apart: p = 2 / C(20,10) = 1.08e-5.
  EXPECT_EQ(format_comparison("p99", comparison, MetricUnit::milliseconds),
            "p99  12.1ms ± 3%  →  15.4ms ± 2%  +27%  (p<0.001 n=10+10)");

  // reference "U interleaved 5+5": p = 29/42 = 0.69; intervals unbounded below 6 samples.
  comparison = compare_samples({1, 3, 5, 7, 9}, {2, 4, 6, 8, 10}, Direction::higher_is_worse);
  EXPECT_EQ(format_comparison("p99", comparison, MetricUnit::milliseconds),
            "p99  5ms ± ∞  →  6ms ± ∞  ~  (p=0.69 n=5+5)");

  comparison = compare_samples({10, 11}, {20, 21}, Direction::higher_is_worse);
  EXPECT_EQ(format_comparison("throughput", comparison, MetricUnit::per_second),
            "throughput  10.5/s ± ∞  →  20.5/s ± ∞  ?  (too few samples: with n=2+2 the smallest possible p is "
            "0.333, not below alpha=0.05; need >= 4+4 samples (or more on one side))");
}

TEST(ComparisonFormat, ZeroMedianShowsItsIntervalInTheUnit) {
  const NoisyComparison comparison = compare_samples({0, 0, 0, 0, 0, 0, 0, 0, 0.01, 0.02},
                                                     {0, 0, 0, 0, 0, 0, 0, 0, 0.01, 0.02}, Direction::higher_is_worse);
  EXPECT_EQ(format_comparison("error_rate", comparison, MetricUnit::fraction),
            "error_rate  0% ± 1%  →  0% ± 1%  ~  (p=1 n=10+10)");
}

TEST(ComparisonFormat, ExactCounts) {
  EXPECT_EQ(format_comparison("threads_leaked", compare_counts(0, 37)), "threads_leaked  0  →  37  +37  (exact)");
  EXPECT_EQ(format_comparison("data_races", compare_counts(3, 0)), "data_races  3  →  0  -3  (exact)");
  EXPECT_EQ(format_comparison("oom_kills", compare_counts(0, 0)), "oom_kills  0  →  0  ~  (exact)");
}

}  // namespace
}  // namespace faultline::analysis
