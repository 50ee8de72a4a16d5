#include "harness/engine/source_address_plan.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "harness/load/source_addresses.h"

namespace faultline::engine {

namespace {

std::string endpoint_text(const boost::asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return (endpoint.address().is_v6() ? "[" + address + "]" : address) + ":" + std::to_string(endpoint.port());
}

std::string ports_text(const EphemeralPorts& ports) {
  return "one source address holds " + std::to_string(ports.usable()) + " of the " + std::to_string(ports.count()) +
         " ephemeral ports " + std::to_string(ports.first) + "-" + std::to_string(ports.last);
}

}  // namespace

std::optional<EphemeralPorts> read_ephemeral_ports(const std::filesystem::path& file) {
  std::ifstream in(file);
  EphemeralPorts ports;
  if (!(in >> ports.first >> ports.last) || ports.count() == 0) return std::nullopt;
  return ports;
}

std::vector<unsigned> plan_source_addresses(const std::vector<ConnectionDemand>& demands, const EphemeralPorts& ports) {
  std::vector<unsigned> plan(demands.size(), 0);
  const std::uint64_t usable = std::max<std::uint64_t>(ports.usable(), 1);
  for (std::size_t i = 0; i < demands.size(); ++i) {
    const ConnectionDemand& demand = demands[i];
    if (demand.source_addresses > 0) {
      plan[i] = demand.source_addresses;
      continue;
    }
    if (!demand.binds_sources) continue;
    // Every generator going to the same destination shares its ports.
    std::uint64_t need = 0;
    for (const ConnectionDemand& other : demands) {
      if (other.endpoint == demand.endpoint) need += other.connections;
    }
    if (need <= usable) continue;
    const std::uint64_t addresses = (need + usable - 1) / usable;
    const auto& address = demand.endpoint.address();
    const std::string problem = demand.field + ": " + std::to_string(need) + " connections to " +
                                endpoint_text(demand.endpoint) + " need " + std::to_string(addresses) +
                                " source addresses (" + ports_text(ports) + "), ";
    if (!address.is_v4() || !address.is_loopback()) {
      throw std::runtime_error(problem + "and only connections to an IPv4 loopback address can be spread over several: " +
                               "use 127.0.0.1, fewer connections, or a wider net.ipv4.ip_local_port_range");
    }
    if (addresses > load::SourceAddresses::kMaxLoopback) {
      throw std::runtime_error(problem + "more than the " + std::to_string(load::SourceAddresses::kMaxLoopback) +
                               " of 127.0.0.1 .. 127.0.0.254: use fewer connections or a wider "
                               "net.ipv4.ip_local_port_range");
    }
    plan[i] = static_cast<unsigned>(addresses);
  }
  return plan;
}

}  // namespace faultline::engine
