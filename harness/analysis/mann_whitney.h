// The two-sided Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from
// distributions with the same location? Distribution-free, so it suits latency and throughput
// samples, which are skewed and heavy-tailed.
#pragma once

#include <cstddef>
#include <vector>

namespace faultline::analysis {

enum class UTestMethod {
  none,    // a sample is empty: there is nothing to test, p is 1
  exact,   // no ties and both samples <= kExactLimit: p from the exact distribution of U
  normal,  // ties or larger samples: normal approximation, tie and continuity corrected
};

struct MannWhitneyResult {
  std::size_t n1 = 0;     // size of the first sample
  std::size_t n2 = 0;     // size of the second sample
  double u = 0;           // U of the first sample: pairs (x, y) with x > y, a tie counting 1/2
  double p = 1;           // two-sided p-value
  bool ties = false;      // some value occurs more than once across both samples
  UTestMethod method = UTestMethod::none;
};

// Largest sample size for which the exact distribution is used (as R and go-moremath do: the
// normal approximation is good beyond it, and the counting table grows as n1*n2*n1*n2).
inline constexpr std::size_t kExactLimit = 50;

// Samples must be finite (std::invalid_argument otherwise).
//
// Exact: the distribution of U under the null hypothesis is counted by dynamic programming:
// of i + j values the largest is from the first sample with probability i/(i+j) and then beats
// all j values of the second, so P(i,j,u) = i/(i+j) P(i-1,j,u-j) + j/(i+j) P(i,j-1,u).
// p = min(1, 2 * P(U <= min(u, n1*n2 - u))) (the distribution is symmetric).
//
// Normal: mean n1*n2/2, variance n1*n2/12 * ((N+1) - sum(t^3 - t) / (N(N-1))) over the tie
// groups t, z = (|U - mean| - 1/2) / sd, p = 2 * (1 - Phi(z)), as R's wilcox.test(correct=TRUE).
// When every value is identical the variance is 0 and p is 1: nothing tells the samples apart.
MannWhitneyResult mann_whitney_u(const std::vector<double>& first, const std::vector<double>& second);

// The smallest two-sided p the exact test can give for these sizes: both samples entirely
// apart, 2 / C(n1+n2, n1), capped at 1. For 2+2 samples it is 1/3: no data can be significant
// at 0.05, which is what "insufficient" means. 1 when a sample is empty.
double smallest_possible_p(std::size_t n1, std::size_t n2);

}  // namespace faultline::analysis
