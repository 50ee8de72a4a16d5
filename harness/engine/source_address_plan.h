// How many loopback source addresses each connection generator spreads its connections over,
// when its scenario leaves source_addresses out. The kernel tells connections to one destination
// apart by source address and port, so one source address holds at most the machine's ephemeral
// port range (28,232 ports by default) of them at once, shared by every generator going to that
// destination. When their connections would not fit, the generators that left the choice to
// faultline are spread over 127.0.0.1 .. 127.0.0.N, each address with its own range of ports.
// A generator whose scenario sets source_addresses keeps its number.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace faultline::engine {

// The ports connect() picks a source port from (net.ipv4.ip_local_port_range).
struct EphemeralPorts {
  std::uint32_t first = 32768;
  std::uint32_t last = 60999;

  std::uint32_t count() const { return last >= first ? last - first + 1 : 0; }
  // What one source address can give a run: nine tenths of the range, the rest left to the rest
  // of the machine (and to connections in TIME_WAIT).
  std::uint64_t usable() const { return std::uint64_t{count()} * 9 / 10; }
};

// The range in `file` ("32768\t60999"); unset when it cannot be read.
std::optional<EphemeralPorts> read_ephemeral_ports(
    const std::filesystem::path& file = "/proc/sys/net/ipv4/ip_local_port_range");

// One generator's connections as the plan sees them.
struct ConnectionDemand {
  std::string field;                        // "scenario.json: /load/2", for messages
  boost::asio::ip::tcp::endpoint endpoint;  // where its connections go
  // Through a fault proxy: where the proxy forwards them. The proxy connects from the address
  // its client came from when that is IPv4 loopback (fault/session.h), else from the kernel's.
  std::optional<boost::asio::ip::tcp::endpoint> proxy_upstream;
  std::uint64_t connections = 0;  // held at once, at most
  unsigned source_addresses = 0;  // the scenario's; 0: faultline chooses
  bool binds_sources = true;      // false: HTTP generators, which never bind
};

// The source addresses of each demand, in order: the scenario's number where it set one, else 0
// (the kernel picks, as without faultline) when the connections fit, else the fewest addresses
// 127.0.0.1 .. 127.0.0.N they fit in. "Fit": at every destination the generator reaches (its
// endpoint, and its proxy's upstream), no source address carries more than its usable ports,
// counting every generator's connections there: HTTP ones and those the kernel places on
// 127.0.0.1, the scenario's fixed spreads, and the spread chosen here (the same N for every
// generator faultline spreads to one destination). Throws std::runtime_error, naming the
// generator and the numbers, when they cannot fit: the destination is not IPv4 loopback, or
// even 127.0.0.1 .. 127.0.0.254 would not hold them. A scenario's own numbers are never refused.
std::vector<unsigned> plan_source_addresses(const std::vector<ConnectionDemand>& demands, const EphemeralPorts& ports);

}  // namespace faultline::engine
