// The latency distribution chart: one percentile curve per load generator over the whole
// measured run (after warm-up), decoded from its mergeable histogram, with the baseline's curve
// dashed. Where the time charts show *when* latency moved, this shows *how much of the traffic*
// it hit: a fault that touched 2% of requests bends the curve only past the 98th percentile.
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_latency_distribution(const RunView& run, const RunView* baseline);

}  // namespace faultline::reports::html
