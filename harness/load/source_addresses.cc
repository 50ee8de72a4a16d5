#include "harness/load/source_addresses.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <cerrno>
#include <stdexcept>
#include <string>

namespace faultline::load {

namespace asio = boost::asio;
using asio::ip::tcp;

SourceAddresses SourceAddresses::loopback(std::uint32_t count, const tcp::endpoint& target) {
  if (count == 0 || count > kMaxLoopback) {
    throw std::invalid_argument("source addresses: 1 to " + std::to_string(kMaxLoopback) +
                                " loopback addresses (127.0.0.1 and up), not " + std::to_string(count));
  }
  if (!target.address().is_v4() || !target.address().is_loopback()) {
    throw std::invalid_argument("source addresses 127.0.0.1 .. 127.0.0." + std::to_string(count) +
                                " need an IPv4 loopback target, not " + target.address().to_string());
  }
  SourceAddresses sources;
  sources.addresses_.reserve(count);
  for (std::uint32_t k = 1; k <= count; ++k) sources.addresses_.emplace_back((127u << 24) | k);

  // Each address once now, so that a machine without them fails at set-up with a clear
  // message instead of failing every connect of the run.
  asio::io_context io;
  tcp::socket probe(io);
  for (std::uint64_t n = 0; n < count; ++n) {
    if (const boost::system::error_code ec = sources.bind(probe, n)) {
      throw std::runtime_error("cannot bind a connection to source address " + sources.for_connection(n).to_string() +
                               ": " + ec.message() + " (is it configured on the loopback interface?)");
    }
    probe.close();
  }
  return sources;
}

boost::system::error_code SourceAddresses::bind(tcp::socket& socket, std::uint64_t n) const {
  boost::system::error_code ec;
  if (addresses_.empty()) return ec;
  socket.open(tcp::v4(), ec);
  if (ec) return ec;
  // Without it bind() picks the port at once, knowing nothing of the destination: the port is
  // then taken for every destination, and ports in TIME_WAIT are never reused. With it (Linux
  // 4.2) connect() picks the port, as for a socket that was not bound.
  const int on = 1;
  if (::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on) != 0) {
    return {errno, boost::system::system_category()};
  }
  socket.bind(tcp::endpoint(for_connection(n), 0), ec);
  return ec;
}

}  // namespace faultline::load
