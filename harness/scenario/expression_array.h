// Reads an array of expressions written as strings ("expect", "abort"): each parsed
// (expectation_parser.h), then checked against the scenario, every problem reported at its
// element's JSON pointer so that one pass reports them all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/expectation_parser.h"
#include "harness/scenario/json_reader.h"

namespace faultline::scenario {

// The elements of the optional array `key` that parse and pass `check`, in order. `parse` maps
// a string to an ExpressionParse<T>; `check` a T to what makes it unusable (nullopt when
// nothing does); `example` completes "expected ..." for an element that is not a string.
template <typename T, typename Parse, typename Check>
std::vector<T> read_expressions(const ObjectReader& root, std::string_view key, std::string_view example,
                                Parse parse, Check check) {
  std::vector<T> out;
  const auto elements = root.non_empty_array(key, Presence::optional);
  if (!elements) return out;
  for (const LocatedValue& element : *elements) {
    if (!element.value->is_string()) {
      root.issues().add(element.path, "expected " + std::string(example) + ", got " +
                                          describe_json_value(*element.value));
      continue;
    }
    const ExpressionParse<T> parsed = parse(element.value->template get<std::string>());
    if (!parsed) {
      root.issues().add(element.path, to_string(parsed.error));
      continue;
    }
    if (const std::optional<std::string> problem = check(*parsed.value)) {
      root.issues().add(element.path, *problem);
      continue;
    }
    out.push_back(*parsed.value);
  }
  return out;
}

}  // namespace faultline::scenario
