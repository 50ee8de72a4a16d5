// The input of every analysis: a per-interval series (one optional value per interval of the
// run's timeline) and the rule that decides which intervals belong to a stretch of time.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace faultline::analysis {

// values[i] covers [i * interval_s, (i + 1) * interval_s) from the run's start. A missing value
// is an interval with no observation (the sampler missed it, or nothing finished in it for a
// latency); it is never read as zero.
struct Series {
  double interval_s = 1;                     // length of one interval, seconds (> 0)
  std::vector<std::optional<double>> values;

  double end_s() const { return static_cast<double>(values.size()) * interval_s; }
  std::optional<double> at(std::size_t index) const {
    return index < values.size() ? values[index] : std::nullopt;
  }
};

// A stretch of the timeline, [start_s, end_s), seconds from the run's start.
struct TimeWindow {
  double start_s = 0;
  double end_s = 0;
};

// Intervals [first, last) of a series.
struct IndexRange {
  std::size_t first = 0;
  std::size_t last = 0;  // one past the end
  bool empty() const { return first >= last; }
  std::size_t size() const { return empty() ? 0 : last - first; }
};

// The intervals whose midpoint lies in the window, clipped to the data. One rule for every
// window (steady state, a fault, after a fault): each interval belongs to exactly one side of a
// boundary, the side where most of it lies. Fault edges land a few milliseconds off the
// interval grid (a fault planned at 30 s ends at 30.002 s); "entirely within" would drop a
// whole interval for those milliseconds, "overlapping" would count it on both sides.
IndexRange intervals_in(const Series& series, TimeWindow window);

// The intervals that overlap the window at all, clipped to the data: for a window shorter than
// half an interval, which may hold no midpoint.
IndexRange intervals_touching(const Series& series, TimeWindow window);

// The values present in the range, in order.
std::vector<double> present_values(const Series& series, IndexRange range);

}  // namespace faultline::analysis
