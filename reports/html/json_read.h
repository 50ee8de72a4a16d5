// Forgiving reads of result.json values for the HTML report: a missing member or a value of the
// wrong type becomes null, NaN or an empty text, never an exception (see run_view.h).
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace faultline::reports::html {

// The member `key` of an object, or null when `j` is not an object or lacks it.
const nlohmann::json& member(const nlohmann::json& j, const char* key);

std::optional<double> number_or_none(const nlohmann::json& j);
double number(const nlohmann::json& j, double fallback = NAN);

// A string as it is; null as ""; anything else as its JSON text.
std::string text(const nlohmann::json& j);

}  // namespace faultline::reports::html
