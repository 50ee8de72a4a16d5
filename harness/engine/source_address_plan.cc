#include "harness/engine/source_address_plan.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "harness/load/source_addresses.h"

namespace faultline::engine {

namespace {

using boost::asio::ip::tcp;

constexpr unsigned kMaxAddresses = load::SourceAddresses::kMaxLoopback;

// Connections on each source address at one destination: index k is 127.0.0.k (1 also holds the
// connections whose source the kernel picks); index 0 is unused.
using AddressLoads = std::vector<std::uint64_t>;

bool spreadable(const tcp::endpoint& destination) {
  return destination.address().is_v4() && destination.address().is_loopback();
}

// A destination a demand's connections reach, and whether the demand's source spread applies
// there (at its own endpoint always; at its proxy's upstream when the proxy mirrors addresses).
struct Reach {
  tcp::endpoint destination;
  bool spread_applies;
};

std::vector<Reach> reaches(const ConnectionDemand& demand) {
  std::vector<Reach> out{{demand.endpoint, true}};
  if (demand.proxy_upstream) out.push_back({*demand.proxy_upstream, spreadable(*demand.proxy_upstream)});
  return out;
}

bool chosen_here(const ConnectionDemand& demand) { return demand.binds_sources && demand.source_addresses == 0; }

// Connection `n` of `count` spread over `addresses` goes to address n % addresses + 1: address k
// (1-based) takes this many.
std::uint64_t share(std::uint64_t count, unsigned addresses, unsigned k) {
  return count / addresses + (k - 1 < count % addresses ? 1 : 0);
}

// Adds `count` connections spread over `addresses` (0: all where the kernel picks, 127.0.0.1).
void add(AddressLoads& loads, std::uint64_t count, unsigned addresses) {
  if (addresses == 0) {
    loads[1] += count;
    return;
  }
  for (unsigned k = 1; k <= addresses; ++k) loads[k] += share(count, addresses, k);
}

// What `destination` carries from every demand whose spread is not chosen here, and the total of
// those whose spread is.
std::pair<AddressLoads, std::uint64_t> loads_at(const std::vector<ConnectionDemand>& demands,
                                                const tcp::endpoint& destination) {
  AddressLoads fixed(kMaxAddresses + 1, 0);
  std::uint64_t chosen = 0;
  for (const ConnectionDemand& demand : demands) {
    for (const Reach& reach : reaches(demand)) {
      if (reach.destination != destination) continue;
      if (chosen_here(demand) && reach.spread_applies) {
        chosen += demand.connections;
      } else {
        add(fixed, demand.connections, reach.spread_applies && demand.binds_sources ? demand.source_addresses : 0);
      }
    }
  }
  return {fixed, chosen};
}

// The fewest addresses, at most `limit`, over which `chosen` connections fit beside `fixed`.
std::optional<unsigned> fewest_addresses(const AddressLoads& fixed, std::uint64_t chosen, std::uint64_t usable,
                                         unsigned limit) {
  for (unsigned n = 1; n <= limit; ++n) {
    bool fits = true;
    for (unsigned k = 1; k <= n && fits; ++k) fits = fixed[k] + share(chosen, n, k) <= usable;
    if (fits) return n;
  }
  return std::nullopt;
}

std::string endpoint_text(const tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return (endpoint.address().is_v6() ? "[" + address + "]" : address) + ":" + std::to_string(endpoint.port());
}

// Why `total` connections to `destination` cannot fit, for the generator `field`.
std::runtime_error refusal(const std::string& field, std::uint64_t total, const tcp::endpoint& destination,
                           const EphemeralPorts& ports, std::uint64_t usable) {
  const std::uint64_t needed = (total + usable - 1) / usable;
  const std::string problem = field + ": " + std::to_string(total) + " connections to " + endpoint_text(destination) +
                              " need " + std::to_string(needed) + " source addresses (one source address holds " +
                              std::to_string(usable) + " of the " + std::to_string(ports.count()) + " ephemeral ports " +
                              std::to_string(ports.first) + "-" + std::to_string(ports.last) + "), ";
  if (!spreadable(destination)) {
    return std::runtime_error(problem +
                              "and only connections to an IPv4 loopback address can be spread over several: use "
                              "127.0.0.1, fewer connections, or a wider net.ipv4.ip_local_port_range");
  }
  return std::runtime_error(problem + "more than the " + std::to_string(kMaxAddresses) +
                            " of 127.0.0.1 .. 127.0.0.254: use fewer connections or a wider "
                            "net.ipv4.ip_local_port_range");
}

}  // namespace

std::optional<EphemeralPorts> read_ephemeral_ports(const std::filesystem::path& file) {
  std::ifstream in(file);
  EphemeralPorts ports;
  if (!(in >> ports.first >> ports.last) || ports.count() == 0) return std::nullopt;
  return ports;
}

std::vector<unsigned> plan_source_addresses(const std::vector<ConnectionDemand>& demands, const EphemeralPorts& ports) {
  const std::uint64_t usable = std::max<std::uint64_t>(ports.usable(), 1);
  std::vector<unsigned> plan(demands.size(), 0);
  for (std::size_t i = 0; i < demands.size(); ++i) {
    const ConnectionDemand& demand = demands[i];
    if (!chosen_here(demand)) {
      plan[i] = demand.source_addresses;
      continue;
    }
    unsigned addresses = 1;
    for (const Reach& reach : reaches(demand)) {
      const auto [fixed, chosen] = loads_at(demands, reach.destination);
      const unsigned limit = reach.spread_applies && spreadable(reach.destination) ? kMaxAddresses : 1;
      const std::optional<unsigned> fewest = fewest_addresses(fixed, chosen, usable, limit);
      if (!fewest) {
        std::uint64_t total = chosen;
        for (const std::uint64_t load : fixed) total += load;
        throw refusal(demand.field, total, reach.destination, ports, usable);
      }
      addresses = std::max(addresses, *fewest);
    }
    // One address is where the kernel would put them anyway: leave the choice to it.
    plan[i] = addresses > 1 ? addresses : 0;
  }
  return plan;
}

}  // namespace faultline::engine
