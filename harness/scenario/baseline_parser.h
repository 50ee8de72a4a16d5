// Reads the "baseline" object: how this scenario's runs are judged against a saved baseline
// (DESIGN.md, "Baseline comparison"): tolerances for noisy metrics (metric_catalogue.h), the
// significance level, and whether too few samples to judge may pass.
#pragma once

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Fills scenario.baseline; needs the target, observe, load and faults read first, because a
// tolerance must name a metric this scenario produces. Problems are reported at their pointer
// under /baseline.
void read_baseline(const ObjectReader& root, Scenario& scenario);

}  // namespace faultline::scenario
