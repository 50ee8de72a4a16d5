// The JSON of a run's comparable metrics ("analysis.comparable") and of a baseline comparison
// ("comparison"), both parts of result.json (harness/result/result_json.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/result/comparable_metric.h"
#include "harness/result/comparison_record.h"

namespace faultline::result {

nlohmann::json to_json(const ComparableMetric& metric);

// Reads what to_json() wrote. Throws std::invalid_argument naming the field (as a JSON pointer
// below `where`) when something is missing or mistyped.
ComparableMetric comparable_from_json(const nlohmann::json& json, const std::string& where);

nlohmann::json to_json(const ComparisonRecord& comparison);

}  // namespace faultline::result
