#include "reports/html/json_read.h"

namespace faultline::reports::html {

using nlohmann::json;

const json& member(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  const auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::optional<double> number_or_none(const json& j) {
  if (j.is_number()) return j.get<double>();
  return std::nullopt;
}

double number(const json& j, double fallback) { return number_or_none(j).value_or(fallback); }

std::string text(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace faultline::reports::html
