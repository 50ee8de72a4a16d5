// Reads a scenario file (JSON, comments allowed) into the typed Scenario of scenario.h, checking
// everything that can be checked before a run, and reporting every problem at once.
#pragma once

#include <string>

#include "harness/scenario/scenario.h"
#include "harness/scenario/scenario_error.h"

namespace faultline::scenario {

// Throws ScenarioError listing every problem (an unreadable file is one problem).
Scenario parse_scenario_file(const std::string& path);

// As parse_scenario_file(), for text already in memory; `source_name` names it in messages and
// becomes Scenario::source_path.
Scenario parse_scenario_text(const std::string& text, const std::string& source_name);

}  // namespace faultline::scenario
