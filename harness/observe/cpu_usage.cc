#include "harness/observe/cpu_usage.h"

#include <algorithm>

namespace faultline::observe {

std::optional<double> cpu_percent(const ProcessTreeSample& earlier, std::chrono::steady_clock::time_point earlier_at,
                                  const ProcessTreeSample& later, std::chrono::steady_clock::time_point later_at) {
  const double interval_s = std::chrono::duration<double>(later_at - earlier_at).count();
  if (interval_s <= 0) return std::nullopt;
  return std::max(0.0, later.cpu_s - earlier.cpu_s) / interval_s * 100.0;
}

}  // namespace faultline::observe
