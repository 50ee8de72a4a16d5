// A validated scenario written back as JSON, in the scenario file format with every default
// filled in: what the result file records as "the scenario, as run". parse_scenario_text() reads
// it back to an equal Scenario.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Durations are written with format_duration(), addresses with format_endpoint(). Optional
// fields without a default ("description", "cwd", "for", "address", "pid") are left out when
// unset, "faults" and "expect" when empty, and "threads" when 0 (chosen at run time).
// Expectations and abort conditions are written as their text, "abort" left out when empty;
// "baseline" is always written, tolerances in the form the parser reads ("10%", "2ms", 50).
nlohmann::json to_json(const Scenario& scenario);

}  // namespace faultline::scenario
