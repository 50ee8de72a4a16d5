#include "harness/analysis/steady_state.h"

#include <algorithm>

#include "harness/analysis/median.h"

namespace faultline::analysis {

TimeWindow steady_window(double warmup_s, double baseline_window_s, std::optional<double> first_fault_start_s) {
  if (!first_fault_start_s) return {warmup_s, warmup_s + baseline_window_s};
  const double end_s = *first_fault_start_s;
  const double start_s = std::max(warmup_s, end_s - baseline_window_s);
  return {std::min(start_s, end_s), end_s};
}

SteadyState steady_state(const Series& series, TimeWindow window) {
  SteadyState state;
  state.window = window;
  const IndexRange range = intervals_in(series, window);
  state.samples = present_values(series, range);
  state.missing = range.size() - state.samples.size();
  state.median = median(state.samples);
  return state;
}

}  // namespace faultline::analysis
