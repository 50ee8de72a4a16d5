// Reads the "faults" array: the timeline keys every fault has (kind, at, for) and, by kind, a
// network fault (a toxic on a proxy, see network_parser.h) or a fault of the target process
// and its resources (see target_fault_parser.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Fills scenario.faults (needs scenario.target read); returns each fault's JSON pointer, in the
// same order, for checks that come later (which proxy a network fault names).
std::vector<std::string> read_faults(const ObjectReader& root, std::optional<Duration> run_duration,
                                     Scenario& scenario);

// Every fault kind, for messages and the JSON Schema check.
std::vector<std::string_view> fault_kinds();

}  // namespace faultline::scenario
