#include "harness/analysis/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace faultline::analysis {
namespace {

struct RankSum {
  double first_rank_sum = 0;  // sum of the (mid)ranks of the first sample in the pooled order
  double tie_term = 0;        // sum over groups of equal values of t^3 - t
  bool ties = false;
};

RankSum rank_sum(const std::vector<double>& first, const std::vector<double>& second) {
  std::vector<std::pair<double, bool>> pooled;  // value, from the first sample
  pooled.reserve(first.size() + second.size());
  for (double x : first) pooled.emplace_back(x, true);
  for (double y : second) pooled.emplace_back(y, false);
  std::sort(pooled.begin(), pooled.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  RankSum sum;
  std::size_t start = 0;
  while (start < pooled.size()) {
    std::size_t end = start + 1;
    while (end < pooled.size() && pooled[end].first == pooled[start].first) ++end;
    // Ranks start+1 .. end share their mean.
    const double mid_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
    const double group = static_cast<double>(end - start);
    for (std::size_t i = start; i < end; ++i) {
      if (pooled[i].second) sum.first_rank_sum += mid_rank;
    }
    if (end - start > 1) {
      sum.ties = true;
      sum.tie_term += group * group * group - group;
    }
    start = end;
  }
  return sum;
}

// P(U <= u) for U under the null hypothesis with sample sizes n1, n2 (see the header).
double exact_cdf(std::size_t n1, std::size_t n2, std::size_t u) {
  const std::size_t max_u = n1 * n2;
  // row[j][v] = P(i, j, v) for the current i.
  std::vector<std::vector<double>> previous(n2 + 1, std::vector<double>(max_u + 1, 0.0));
  for (auto& column : previous) column[0] = 1;  // i = 0: U is 0
  std::vector<std::vector<double>> current = previous;
  for (std::size_t i = 1; i <= n1; ++i) {
    std::fill(current[0].begin(), current[0].end(), 0.0);
    current[0][0] = 1;  // j = 0: U is 0
    for (std::size_t j = 1; j <= n2; ++j) {
      const double from_first = static_cast<double>(i) / static_cast<double>(i + j);
      const double from_second = 1 - from_first;
      for (std::size_t v = 0; v <= i * j; ++v) {
        const double largest_first = v >= j ? previous[j][v - j] : 0.0;
        current[j][v] = from_first * largest_first + from_second * current[j - 1][v];
      }
      std::fill(current[j].begin() + static_cast<std::ptrdiff_t>(i * j + 1), current[j].end(), 0.0);
    }
    std::swap(previous, current);
  }
  double cdf = 0;
  for (std::size_t v = 0; v <= u && v <= max_u; ++v) cdf += previous[n2][v];
  return cdf;
}

}  // namespace

MannWhitneyResult mann_whitney_u(const std::vector<double>& first, const std::vector<double>& second) {
  for (const auto* sample : {&first, &second}) {
    for (double value : *sample) {
      if (!std::isfinite(value)) throw std::invalid_argument("Mann-Whitney U: samples must be finite");
    }
  }
  MannWhitneyResult result;
  result.n1 = first.size();
  result.n2 = second.size();
  if (first.empty() || second.empty()) return result;

  const RankSum sum = rank_sum(first, second);
  const double n1 = static_cast<double>(result.n1);
  const double n2 = static_cast<double>(result.n2);
  result.u = sum.first_rank_sum - n1 * (n1 + 1) / 2;
  result.ties = sum.ties;

  if (!sum.ties && result.n1 <= kExactLimit && result.n2 <= kExactLimit) {
    result.method = UTestMethod::exact;
    // Without ties U is a whole number; the lower tail of the symmetric distribution is the
    // shorter way to count.
    const double lower = std::min(result.u, n1 * n2 - result.u);
    const auto tail = static_cast<std::size_t>(std::llround(lower));
    result.p = std::min(1.0, 2 * exact_cdf(result.n1, result.n2, tail));
    return result;
  }

  result.method = UTestMethod::normal;
  const double n = n1 + n2;
  const double variance = n1 * n2 / 12 * ((n + 1) - sum.tie_term / (n * (n - 1)));
  if (variance <= 0) {
    result.p = 1;
    return result;
  }
  const double distance = std::max(std::abs(result.u - n1 * n2 / 2) - 0.5, 0.0);
  const double z = distance / std::sqrt(variance);
  result.p = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
  return result;
}

double smallest_possible_p(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0) return 1;
  // 1 / C(n1+n2, n1) as a running product, so large sizes underflow gracefully to 0.
  double one_over_choose = 1;
  for (std::size_t i = 1; i <= std::min(n1, n2); ++i) {
    one_over_choose *= static_cast<double>(i) / static_cast<double>(std::max(n1, n2) + i);
  }
  return std::min(1.0, 2 * one_over_choose);
}

}  // namespace faultline::analysis
