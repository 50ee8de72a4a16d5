// Reads the "expect" array: each entry an expectation ("load.api.p99 < 250ms during steady",
// expectation_parser.h) that names a metric this scenario can produce, in its unit and in a
// scope the metric supports (metric_catalogue.h).
#pragma once

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Fills scenario.expect; needs the target, observe, load and faults read first, because what a
// scenario can measure depends on them. Problems are reported at /expect/N.
void read_expect(const ObjectReader& root, Scenario& scenario);

}  // namespace faultline::scenario
