// The target's resources over time, one chart each: RSS (with the memory limit drawn), threads,
// open file descriptors, goroutines, CPU, and whatever else target.series records. A baseline
// run's levels are drawn dashed.
#pragma once

#include <string>

#include "reports/html/run_view.h"
#include "reports/html/timeline.h"

namespace faultline::reports::html {

std::string render_resource_charts(const RunView& run, const RunView* baseline, const Timeline& timeline);

}  // namespace faultline::reports::html
