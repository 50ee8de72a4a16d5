// The key numbers of a time series for the tables under each chart: its range and median over
// the whole run and within a window (a fault), so a reader sees "p99 0.4ms, 210ms during #1"
// as text, not only as a shape.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace faultline::reports::html {

struct WindowStats {
  std::size_t count = 0;  // finite samples in the window
  double min = NAN, median = NAN, max = NAN;
};

// Over the samples whose time t_s[i] lies in [from_s, to_s); non-finite values are skipped.
WindowStats window_stats(const std::vector<double>& t_s, const std::vector<double>& values, double from_s, double to_s);

// Over every finite sample.
WindowStats whole_stats(const std::vector<double>& values);

}  // namespace faultline::reports::html
