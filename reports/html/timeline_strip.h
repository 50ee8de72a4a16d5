// The scenario's timeline as a Gantt-like strip: warm-up, when each load generator ran, when each
// fault was planned and when it was actually active, and the target's events, on the same time
// axis (same width and margins) as the charts below it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_timeline_strip(const RunView& run);

// Connection generator `index`'s colour, here and on the charts that compare connection
// generators: the next line colours after the HTTP generators'.
std::string_view connection_colour(const RunView& run, std::size_t index);

}  // namespace faultline::reports::html
