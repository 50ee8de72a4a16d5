// Reads the "target" object of a scenario: the service to spawn or to attach to, and how to tell
// that it is ready. Part of the scenario parser; problems go to the reader's issue collector.
#pragma once

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// `scenario` reads the top-level object. The result is complete only when no issue was recorded.
Target read_target(const ObjectReader& scenario);

}  // namespace faultline::scenario
