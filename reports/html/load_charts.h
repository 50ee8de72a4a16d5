// The load generators over time: throughput per generator, errors by class (stacked) for each
// generator that had any, and latency percentiles (p50, p90, p99, max) per generator with a
// log-scale switch. A baseline run's throughput and latency are drawn dashed on the same axes.
#pragma once

#include <string>

#include "reports/html/run_view.h"
#include "reports/html/timeline.h"

namespace faultline::reports::html {

std::string render_load_charts(const RunView& run, const RunView* baseline, const Timeline& timeline);

}  // namespace faultline::reports::html
