// Reads what an HTTP load generator sends: its request mix ("requests") and header sets. Part of
// the scenario parser; problems go to the reader's issue collector.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The optional object `key` of name -> value, sorted by name. Names must be HTTP tokens, unique
// ignoring case, and not ones faultline sets itself; values may hold {seq} and {rand:N}.
Headers read_headers(const ObjectReader& object, std::string_view key);

// The required, non-empty "requests" array of a generator.
std::vector<RequestTemplate> read_requests(const ObjectReader& generator);

}  // namespace faultline::scenario
