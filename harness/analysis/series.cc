#include "harness/analysis/series.h"

#include <algorithm>
#include <cmath>

namespace faultline::analysis {
namespace {

// Window edges are computed in floating point (0.1 * 150 is 15.000000000000002); a nanosecond
// of slack keeps an edge that sits on a boundary on the boundary.
constexpr double kSlack_s = 1e-9;

std::size_t clamp_index(double index, std::size_t size) {
  if (!(index > 0)) return 0;
  if (index >= static_cast<double>(size)) return size;
  return static_cast<std::size_t>(index);
}

}  // namespace

IndexRange intervals_in(const Series& series, TimeWindow window) {
  const std::size_t size = series.values.size();
  // Interval i has its midpoint (i + 1/2) * interval in [start, end) when
  // start/interval - 1/2 <= i < end/interval - 1/2.
  const double first = std::ceil((window.start_s - kSlack_s) / series.interval_s - 0.5);
  const double last = std::ceil((window.end_s - kSlack_s) / series.interval_s - 0.5);
  return {clamp_index(first, size), std::max(clamp_index(first, size), clamp_index(last, size))};
}

IndexRange intervals_touching(const Series& series, TimeWindow window) {
  const std::size_t size = series.values.size();
  if (!(window.end_s > window.start_s)) return {0, 0};
  // Interval i overlaps when i * interval < end and (i + 1) * interval > start.
  const double first = std::floor((window.start_s + kSlack_s) / series.interval_s);
  const double last = std::ceil((window.end_s - kSlack_s) / series.interval_s);
  return {clamp_index(first, size), std::max(clamp_index(first, size), clamp_index(last, size))};
}

std::vector<double> present_values(const Series& series, IndexRange range) {
  std::vector<double> values;
  for (std::size_t i = range.first; i < range.last && i < series.values.size(); ++i) {
    if (series.values[i]) values.push_back(*series.values[i]);
  }
  return values;
}

}  // namespace faultline::analysis
