// The scenario summary: what was run against what (target, load generators, faults with their
// planned and actual windows), for how long, on which machine, and the timeline strip.
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_run_summary(const RunView& run);

}  // namespace faultline::reports::html
