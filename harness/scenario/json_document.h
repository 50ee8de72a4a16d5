// Reads the text of a scenario file into a JSON tree: comments allowed, a syntax error reported
// with its line and column, and a key given twice in one object reported (JSON itself would
// silently keep the last one, hiding the typo or the copy-paste slip).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/scenario/scenario_error.h"

namespace faultline::scenario {

// The document, or nullopt after recording a syntax error in `issues`. Duplicate keys are
// recorded too, but the document is still returned so validation can report the rest.
std::optional<nlohmann::json> read_json_document(const std::string& text, IssueCollector& issues);

}  // namespace faultline::scenario
