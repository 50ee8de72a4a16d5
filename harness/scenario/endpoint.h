// TCP endpoints as written in scenario files: "host:port" or "[v6]:port".
#pragma once

#include <string>
#include <string_view>

#include "harness/scenario/parse_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// host is a name or IPv4 literal of letters, digits, '.', '-' and '_', or an IPv6 literal in
// brackets (stored without them); port is 1-65535. No name resolution happens here.
ParseResult<Endpoint> parse_endpoint(std::string_view text);

// The inverse of parse_endpoint(): brackets around a host that holds ':'.
std::string format_endpoint(const Endpoint& endpoint);

}  // namespace faultline::scenario
