// One metric against its baseline. The p-values behind each verdict are reference values from
// statistics_reference.py (see mann_whitney_test.cc); the verdict needs significance AND a
// change beyond the tolerance.
#include "harness/analysis/comparison.h"

#include <cmath>

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

// reference "U latency 10+10": p = 67/92378 = 0.000725; medians 12.15 and 15.05 (+23.9%).
const std::vector<double> kBefore{12.1, 11.8, 12.5, 12.0, 11.9, 12.3, 12.2, 12.4, 11.7, 12.6};
const std::vector<double> kAfter{12.45, 15.1, 14.9, 15.8, 15.2, 12.55, 15.6, 15.0, 15.3, 12.15};

std::vector<double> scaled(const std::vector<double>& values, double factor) {
  std::vector<double> result;
  for (double value : values) result.push_back(value * factor);
  return result;
}

TEST(Comparison, VerdictNeedsSignificanceAndAChangeBeyondTolerance) {
  struct Case {
    const char* name;
    std::vector<double> baseline, current;
    Direction direction;
    ComparisonOptions options;
    ComparisonVerdict verdict;
  };
  const Case cases[] = {
      {"latency up, significant, +24% > 10%", kBefore, kAfter, Direction::higher_is_worse, {}, ComparisonVerdict::regressed},
      {"latency down", kAfter, kBefore, Direction::higher_is_worse, {}, ComparisonVerdict::improved},
      {"throughput up is an improvement", kBefore, kAfter, Direction::lower_is_worse, {}, ComparisonVerdict::improved},
      {"throughput down is a regression", kAfter, kBefore, Direction::lower_is_worse, {}, ComparisonVerdict::regressed},
      {"significant but within a 30% tolerance", kBefore, kAfter, Direction::higher_is_worse, {0.30, 0.05, 0.95},
       ComparisonVerdict::same},
      {"beyond tolerance but not significant at alpha 0.0005", kBefore, kAfter, Direction::higher_is_worse,
       {0.10, 0.0005, 0.95}, ComparisonVerdict::same},
      // reference "U interleaved 5+5": p = 0.69, +10% medians but no evidence.
      {"interleaved: not significant", {1, 3, 5, 7, 9}, {2, 4, 6, 8, 10}, Direction::higher_is_worse, {},
       ComparisonVerdict::same},
      // 1% shift on every sample: entirely apart (p = 2/C(20,10) = 1.08e-5) but tiny.
      {"significant but tiny", kBefore, scaled(kBefore, 1.01), Direction::higher_is_worse, {}, ComparisonVerdict::same},
      {"identical samples", kBefore, kBefore, Direction::higher_is_worse, {}, ComparisonVerdict::same},
      // 2+2: smallest possible p 1/3 -> insufficient, even though +200%.
      {"2+2 samples", {1, 2}, {5, 6}, Direction::higher_is_worse, {}, ComparisonVerdict::insufficient},
      // 3+3: 0.1 -> insufficient at 0.05; 4+4: 0.029 -> can judge.
      {"3+3 samples", {1, 2, 3}, {7, 8, 9}, Direction::higher_is_worse, {}, ComparisonVerdict::insufficient},
      {"4+4 samples apart", {1, 2, 3, 4}, {7, 8, 9, 10}, Direction::higher_is_worse, {}, ComparisonVerdict::regressed},
      {"3+3 at alpha 0.2 can judge", {1, 2, 3}, {7, 8, 9}, Direction::higher_is_worse, {0.10, 0.2, 0.95},
       ComparisonVerdict::regressed},
      {"n=1", {1}, {9}, Direction::higher_is_worse, {}, ComparisonVerdict::insufficient},
      {"n=0", {}, kAfter, Direction::higher_is_worse, {}, ComparisonVerdict::insufficient},
  };
  for (const Case& c : cases) {
    const NoisyComparison comparison = compare_samples(c.baseline, c.current, c.direction, c.options);
    EXPECT_EQ(comparison.verdict, c.verdict) << c.name << ": got " << to_string(comparison.verdict);
    EXPECT_EQ(comparison.verdict == ComparisonVerdict::insufficient, !comparison.note.empty()) << c.name;
  }
}

TEST(Comparison, ReportsMediansIntervalsDeltaAndP) {
  const NoisyComparison comparison = compare_samples(kBefore, kAfter, Direction::higher_is_worse);
  EXPECT_DOUBLE_EQ(*comparison.baseline.median, 12.15);
  EXPECT_DOUBLE_EQ(*comparison.current.median, 15.05);
  EXPECT_NEAR(*comparison.delta, 2.9 / 12.15, 1e-12);
  EXPECT_NEAR(comparison.test.p, 67.0 / 92378, 1e-12);
  EXPECT_EQ(comparison.test.n1, 10u);
  EXPECT_EQ(comparison.test.n2, 10u);
  // n=10: [x(2), x(9)] (statistics_reference.py).
  EXPECT_EQ(comparison.baseline.low, 11.8);
  EXPECT_EQ(comparison.baseline.high, 12.5);
}

TEST(Comparison, SaysPlainlyWhyTooFewSamplesCannotBeJudged) {
  NoisyComparison comparison = compare_samples({10, 11}, {20, 21}, Direction::higher_is_worse);
  EXPECT_EQ(comparison.note,
            "too few samples: with n=2+2 the smallest possible p is 0.333, not below alpha=0.05; need >= 4+4 samples "
            "(or more on one side)");
  comparison = compare_samples({}, {1, 2}, Direction::higher_is_worse);
  EXPECT_EQ(comparison.note, "no samples to compare (n=0+2)");
  EXPECT_FALSE(comparison.delta);
}

TEST(Comparison, ZeroBaselineMedianGivesAnInfiniteChange) {
  const NoisyComparison comparison =
      compare_samples(std::vector<double>(8, 0.0), std::vector<double>(8, 0.02), Direction::higher_is_worse);
  ASSERT_TRUE(comparison.delta);
  EXPECT_TRUE(std::isinf(*comparison.delta));
  EXPECT_EQ(comparison.verdict, ComparisonVerdict::regressed);
  EXPECT_EQ(*compare_samples(std::vector<double>(8, 0.0), std::vector<double>(8, 0.0),
                             Direction::higher_is_worse).delta, 0.0);
}

TEST(Comparison, CountsCompareExactly) {
  EXPECT_EQ(compare_counts(0, 0).verdict, ComparisonVerdict::same);
  EXPECT_EQ(compare_counts(0, 1).verdict, ComparisonVerdict::regressed);
  EXPECT_EQ(compare_counts(37, 36).verdict, ComparisonVerdict::improved);
  EXPECT_EQ(compare_counts(5, 5).verdict, ComparisonVerdict::same);
}

TEST(Comparison, SamplesNeededForSignificance) {
  EXPECT_EQ(samples_needed_for_significance(0.05), 4u);   // 2/C(8,4) = 0.029; 2/C(6,3) = 0.1
  EXPECT_EQ(samples_needed_for_significance(0.01), 5u);   // 2/C(10,5) = 0.0079; 2/C(8,4) = 0.029
  EXPECT_EQ(samples_needed_for_significance(0.5), 2u);    // 2/C(4,2) = 0.333; n=1: 1
}

}  // namespace
}  // namespace faultline::analysis
