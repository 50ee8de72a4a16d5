// Keeps long runs drawable and the page small: when a series has more intervals than a chart can
// show (a 10-minute run at 250 ms is 2,400), consecutive intervals are merged into groups of
// `factor`. Rates (throughput, errors) become the group's mean, so the area under them is kept;
// latencies and resource levels become the group's highest value, so a one-interval spike
// caused by a fault stays visible. The key-number tables still use every interval.
#pragma once

#include <cstddef>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

// The most points a time chart draws per series: about one per pixel of its plot.
inline constexpr std::size_t kMaxPointsPerSeries = 600;

// How many intervals to merge so that `points` fit into `max_points` (1: none).
std::size_t coarsening_factor(std::size_t points, std::size_t max_points = kMaxPointsPerSeries);

// Each group's t is the t of its first interval.
GeneratorSeries coarsen(const GeneratorSeries& series, std::size_t factor);
// Connect rates and failure and disconnect counts: the mean; latencies and the peak of clients
// connected: the highest; clients connected at an interval's end: the lowest, so that a dip when
// they lost their connection stays visible.
ConnectionSeries coarsen(const ConnectionSeries& series, std::size_t factor);
ResourceSeries coarsen(const ResourceSeries& series, std::size_t factor);

// A generator's series as a time chart draws it: coarsened when long, each point at the middle of
// the intervals it stands for (`offset_s` after its t).
template <typename Series>
struct Drawn {
  Series series;
  std::size_t factor;
  double offset_s;
};

template <typename Series>
Drawn<Series> drawn(const Series& series, double interval_s) {
  const std::size_t factor = coarsening_factor(series.t_s.size());
  return {coarsen(series, factor), factor, interval_s * static_cast<double>(factor) / 2};
}

}  // namespace faultline::reports::html
