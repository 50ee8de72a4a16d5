// Reads the network faults of a scenario: its fault proxies ("proxies"), the toxics on the
// timeline ("faults"), and which proxy each load generator goes through ("via").
#pragma once

#include <optional>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Fills scenario.proxies and scenario.faults and checks every "via"; needs scenario.load and
// the run's duration (when valid) already read. When nothing names a proxy there is none; when
// something does and "proxies" is absent, one proxy named "proxy" stands in front of the target.
void read_network(const ObjectReader& root, std::optional<Duration> run_duration, Scenario& scenario);

}  // namespace faultline::scenario
