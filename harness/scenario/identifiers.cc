#include "harness/scenario/identifiers.h"

#include <algorithm>

namespace faultline::scenario {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_identifier(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return is_letter(c) || is_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool is_variable_name(std::string_view name) {
  return !name.empty() && (is_letter(name.front()) || name.front() == '_') &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return is_letter(c) || is_digit(c) || c == '_'; });
}

bool is_metric_name(std::string_view name) {
  const auto allowed = [](char c) { return is_letter(c) || is_digit(c) || c == '_' || c == ':'; };
  return !name.empty() && !is_digit(name.front()) && std::all_of(name.begin(), name.end(), allowed);
}

}  // namespace faultline::scenario
