// How a fault proxy is set up: where it listens, where it forwards to, and its bounds.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "harness/fault/active_toxic.h"

namespace faultline::fault {

struct ProxyConfig {
  // Port 0: the kernel picks a free port; Proxy::port() says which.
  boost::asio::ip::tcp::endpoint listen{boost::asio::ip::address_v4::loopback(), 0};
  boost::asio::ip::tcp::endpoint upstream;  // the target
  // Both endpoints must be loopback addresses unless this is set (see DESIGN.md, Safety).
  bool allow_remote = false;
  // Event-loop threads; connections are spread over them round-robin. One suffices for loopback
  // tests on two cores, where the load generator and the target need the other cycles.
  unsigned threads = 1;
  // Per direction of each connection: the most the proxy holds of data read and not yet
  // written. A slow reader makes the proxy stop reading the other side when this is full; it
  // also bounds the throughput under a delaying toxic (at most buffer_bytes per latency).
  std::size_t buffer_bytes = 64 * 1024;
  // Client connections served at once (each holds two buffers). At the limit the listener stops
  // accepting, so further clients wait in the kernel's accept queue, as with haproxy's maxconn.
  std::size_t max_connections = 4096;
  Duration connect_timeout = std::chrono::seconds(2);  // to the target
  // A connection on which no byte moved for this long is closed (like haproxy's client and
  // server timeouts); a connection held by a toxic is exempt. Zero: never.
  Duration idle_timeout = std::chrono::minutes(5);
  std::uint64_t seed = 1;  // for toxicity draws, jitter and slice sizes
};

}  // namespace faultline::fault
