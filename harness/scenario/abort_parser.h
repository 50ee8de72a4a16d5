// Reads the "abort" array: each entry an abort condition ("load.api.error_rate > 90% for 15s",
// expectation_parser.h) on a metric this scenario produces per interval, in its unit, for no
// longer than the run (metric_catalogue.h).
#pragma once

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Fills scenario.abort; needs the duration, target, observe, load and faults read first.
// Problems are reported at /abort/N.
void read_abort(const ObjectReader& root, Scenario& scenario);

}  // namespace faultline::scenario
