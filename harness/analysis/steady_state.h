// Steady state (DESIGN.md, "Definitions"): the per-interval samples of the baseline window and
// their median, the level that recovery and leaks are measured against.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "harness/analysis/series.h"

namespace faultline::analysis {

// The baseline window on the run's timeline, seconds:
// - with a fault: the `baseline_window_s` just before the first fault starts, cut at the end of
//   warm-up (warm-up is never steady). A fault that starts before warm-up ends leaves an empty
//   window, so there is no steady state: the run's phases are wrong, and the report says so
//   rather than using warm-up samples.
// - without a fault: the `baseline_window_s` right after warm-up.
TimeWindow steady_window(double warmup_s, double baseline_window_s, std::optional<double> first_fault_start_s);

struct SteadyState {
  TimeWindow window;
  std::vector<double> samples;   // the present values of the intervals in the window, in order
  std::size_t missing = 0;       // intervals in the window with no value
  std::optional<double> median;  // empty when there are no samples: no steady state to compare to
};

// One series' steady state over `window` (intervals by midpoint, see intervals_in()).
SteadyState steady_state(const Series& series, TimeWindow window);

}  // namespace faultline::analysis
