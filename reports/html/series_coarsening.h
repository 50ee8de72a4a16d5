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
ResourceSeries coarsen(const ResourceSeries& series, std::size_t factor);

}  // namespace faultline::reports::html
