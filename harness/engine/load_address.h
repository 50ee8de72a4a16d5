// Where load goes: a scenario address ("127.0.0.1:8080", "localhost:80", "[::1]:8080")
// resolved to a TCP endpoint, refusing non-loopback destinations unless remote load is allowed.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "harness/scenario/scenario.h"

namespace faultline::engine {

struct LoadAddress {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host_header;  // "host:port" as the scenario wrote it, for the Host header
};

// Throws EnvironmentError when the name does not resolve, UsageError when it resolves to an
// address that is not loopback and `allow_remote` is false. `field` names the scenario field
// for messages ("/load/0/address").
LoadAddress resolve_load_address(const scenario::Endpoint& address, bool allow_remote, const std::string& field);

std::string to_string(const scenario::Endpoint& address);

}  // namespace faultline::engine
