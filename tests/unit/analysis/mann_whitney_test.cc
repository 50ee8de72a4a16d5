// The two-sided Mann-Whitney U test against reference p-values from statistics_reference.py:
// exact ones by enumerating every assignment of the pooled values to the two samples (or, past
// what can be enumerated, from the Gaussian binomial coefficient in exact integers); normal
// ones with the mean and variance of U taken from the enumerated permutation distribution.
#include "harness/analysis/mann_whitney.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

struct Case {
  const char* name;
  std::vector<double> first, second;
  double u;
  double p;
  UTestMethod method;
};

TEST(MannWhitney, MatchesReferenceValues) {
  const Case cases[] = {
      // reference "U 1v2": one value each, p = 1 (2 of the 2 arrangements are as extreme).
      {"n=1", {1}, {2}, 0, 1.0, UTestMethod::exact},
      // reference "U 2+2 apart": 2 / C(4,2) = 1/3.
      {"2+2 apart", {1, 2}, {3, 4}, 0, 1.0 / 3, UTestMethod::exact},
      {"2+2 apart, reversed", {3, 4}, {1, 2}, 4, 1.0 / 3, UTestMethod::exact},
      // reference "U 3+3 apart": 2 / C(6,3) = 1/10.
      {"3+3 apart", {1, 2, 3}, {4, 5, 6}, 0, 0.1, UTestMethod::exact},
      // reference "U interleaved 5+5": 29/42.
      {"interleaved", {1, 3, 5, 7, 9}, {2, 4, 6, 8, 10}, 10, 29.0 / 42, UTestMethod::exact},
      // reference "U 4+6 partial": 37/105 (unequal sizes, the second sample holds the minimum).
      {"4+6", {11, 13, 12, 17}, {14, 15, 16, 18, 19, 10}, 7, 37.0 / 105, UTestMethod::exact},
      // reference "U latency 10+10": 67/92378.
      {"latency 10+10",
       {12.1, 11.8, 12.5, 12.0, 11.9, 12.3, 12.2, 12.4, 11.7, 12.6},
       {12.45, 15.1, 14.9, 15.8, 15.2, 12.55, 15.6, 15.0, 15.3, 12.15},
       8, 67.0 / 92378, UTestMethod::exact},
      // reference "U ties 4+4": normal p from the permutation moments (exact permutation p 0.286).
      {"ties 4+4", {1, 2, 2, 3}, {2, 3, 3, 4}, 3, 0.17203370892182296, UTestMethod::normal},
      // reference "U ties 6+5": 0.0316 (exact permutation p 0.0303).
      {"ties 6+5", {5, 5, 6, 7, 7, 8}, {7, 8, 8, 9, 9}, 3, 0.03163342303987698, UTestMethod::normal},
      // reference "U identical 3+3": every value equal, no evidence of a difference.
      {"identical", {5, 5, 5}, {5, 5, 5}, 4.5, 1.0, UTestMethod::normal},
      {"n=0", {}, {1, 2, 3}, 0, 1.0, UTestMethod::none},
      {"both empty", {}, {}, 0, 1.0, UTestMethod::none},
  };
  for (const Case& c : cases) {
    const MannWhitneyResult result = mann_whitney_u(c.first, c.second);
    EXPECT_EQ(result.n1, c.first.size()) << c.name;
    EXPECT_EQ(result.n2, c.second.size()) << c.name;
    EXPECT_DOUBLE_EQ(result.u, c.u) << c.name;
    EXPECT_NEAR(result.p, c.p, 1e-12 + 1e-9 * c.p) << c.name;
    EXPECT_EQ(result.method, c.method) << c.name;
    EXPECT_EQ(result.ties, c.method == UTestMethod::normal) << c.name;
  }
}

// count values from `from`, `step` apart: builds samples with a chosen U without ties.
std::vector<double> range(double from, std::size_t count, double step = 1) {
  std::vector<double> values;
  for (std::size_t i = 0; i < count; ++i) values.push_back(from + step * static_cast<double>(i));
  return values;
}

TEST(MannWhitney, ExactAtTheSizeLimitMatchesTheQBinomialReference) {
  // reference "U 20+25 U=100" and "U 50+50 U=1000" (Gaussian binomial in exact integers).
  // 20+25 with U=100: 15 x's below every y, 5 x's above 20 of the 25 y's.
  std::vector<double> first = range(0, 15);            // below every y
  for (double x : range(100.5, 5)) first.push_back(x);  // above 20 of the 25 y's
  std::vector<double> second = range(20, 20);           // 20..39
  for (double y : range(200, 5)) second.push_back(y);   // above every x
  MannWhitneyResult result = mann_whitney_u(first, second);
  ASSERT_EQ(result.u, 100);
  EXPECT_EQ(result.method, UTestMethod::exact);
  EXPECT_NEAR(result.p, 0.00040788791698133836, 1e-15);

  // 50+50 with U=1000: 20 x's beat all 50 y's, 30 x's beat none.
  first = range(0, 30);
  for (double x : range(1000, 20)) first.push_back(x);
  second = range(100, 50);
  result = mann_whitney_u(first, second);
  ASSERT_EQ(result.u, 1000);
  EXPECT_EQ(result.method, UTestMethod::exact);
  EXPECT_NEAR(result.p, 0.08545121551827177, 1e-12);
}

TEST(MannWhitney, BeyondTheExactLimitUsesTheNormalApproximation) {
  // reference "U 60+60 U=1500": variance 36300 from the q-binomial distribution's moments.
  std::vector<double> first = range(0, 35);
  for (double x : range(1000, 25)) first.push_back(x);  // 25 x's beat all 60 y's: U = 1500
  const std::vector<double> second = range(100, 60);
  const MannWhitneyResult result = mann_whitney_u(first, second);
  ASSERT_EQ(result.u, 1500);
  EXPECT_EQ(result.method, UTestMethod::normal);
  EXPECT_FALSE(result.ties);
  EXPECT_NEAR(result.p, 0.11595812951057025, 1e-12);
}

TEST(MannWhitney, IsSymmetricInTheOrderOfTheSamples) {
  const std::vector<double> a{3, 9, 4, 7, 12}, b{5, 8, 11, 14, 13, 10};
  const MannWhitneyResult ab = mann_whitney_u(a, b), ba = mann_whitney_u(b, a);
  EXPECT_DOUBLE_EQ(ab.u + ba.u, 30);
  EXPECT_DOUBLE_EQ(ab.p, ba.p);
}

TEST(MannWhitney, SmallestPossiblePIsTwoOverTheArrangements) {
  EXPECT_DOUBLE_EQ(smallest_possible_p(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(smallest_possible_p(2, 2), 1.0 / 3);  // 2 / C(4,2)
  EXPECT_DOUBLE_EQ(smallest_possible_p(3, 3), 0.1);      // 2 / C(6,3)
  EXPECT_DOUBLE_EQ(smallest_possible_p(4, 4), 2.0 / 70);
  EXPECT_DOUBLE_EQ(smallest_possible_p(2, 8), 2.0 / 45);
  EXPECT_DOUBLE_EQ(smallest_possible_p(8, 2), 2.0 / 45);
  EXPECT_DOUBLE_EQ(smallest_possible_p(0, 5), 1.0);
  // Agrees with the test itself on samples entirely apart.
  EXPECT_DOUBLE_EQ(mann_whitney_u({1, 2, 3, 4}, {5, 6, 7, 8}).p, smallest_possible_p(4, 4));
}

TEST(MannWhitney, RejectsNonFiniteSamples) {
  EXPECT_THROW(mann_whitney_u({1, NAN}, {2}), std::invalid_argument);
  EXPECT_THROW(mann_whitney_u({1}, {INFINITY}), std::invalid_argument);
}

}  // namespace
}  // namespace faultline::analysis
