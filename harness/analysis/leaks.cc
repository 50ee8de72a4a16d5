#include "harness/analysis/leaks.h"

#include <algorithm>
#include <cmath>

#include "harness/analysis/value_format.h"

namespace faultline::analysis {

LeakCheckStart leak_check_start(const std::vector<FaultRecovery>& recoveries, double load_end_s, double settle_s) {
  if (recoveries.empty()) return {load_end_s + settle_s, {}};
  double latest_s = 0;
  for (const FaultRecovery& recovery : recoveries) {
    if (recovery.status != RecoveryStatus::recovered || !recovery.recovered_at_s) {
      return {std::nullopt, "a fault never recovered (or its recovery is unknown), so a leak cannot be told apart "
                            "from a service that is still failing"};
    }
    latest_s = std::max(latest_s, *recovery.recovered_at_s);
  }
  return {latest_s + settle_s, {}};
}

LeakResult detect_leak(const Series& level, std::optional<double> steady_median, const LeakTolerance& tolerance,
                       std::optional<double> from_s, double min_tail_s) {
  LeakResult result;
  result.steady = steady_median;
  if (!steady_median) {
    result.reason = "no steady level: the baseline window had no samples of this resource";
    return result;
  }
  result.allowed_excess = std::max(tolerance.absolute, tolerance.relative * std::abs(*steady_median));
  if (!from_s) {
    result.reason = "no point to check from: the service did not recover";
    return result;
  }

  const std::vector<double> tail = present_values(level, intervals_in(level, {*from_s, level.end_s()}));
  result.tail_samples = tail.size();
  if (!tail.empty()) result.tail_min = *std::min_element(tail.begin(), tail.end());
  const auto needed = static_cast<std::size_t>(std::max(1.0, std::ceil(min_tail_s / level.interval_s - 1e-9)));
  if (tail.size() < needed) {
    result.reason = "too little data after recovery and settle: " + std::to_string(tail.size()) +
                    " sample(s) from " + significant(*from_s) + " s on, " + std::to_string(needed) + " needed (" +
                    significant(min_tail_s) + " s); run longer after the last fault";
    return result;
  }

  const double excess = *result.tail_min - *steady_median;
  if (excess > result.allowed_excess) {
    result.status = LeakStatus::leaked;
    result.excess = excess;
  } else {
    result.status = LeakStatus::none;
  }
  return result;
}

}  // namespace faultline::analysis
