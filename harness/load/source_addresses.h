// Connections from several loopback source addresses, 127.0.0.1 .. 127.0.0.N, instead of one.
// The kernel tells connections to one target port apart by their source address and port, so
// each source address brings its own range of ephemeral ports: N of them let a storm hold N
// times the connections, and spread the TIME_WAIT that churn leaves behind over N ranges.
// Linux routes the whole of 127.0.0.0/8 to the loopback interface: nothing needs configuring.
#pragma once

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <vector>

namespace faultline::load {

class SourceAddresses {
 public:
  // The most addresses: 127.0.0.1 .. 127.0.0.254.
  static constexpr std::uint32_t kMaxLoopback = 254;

  // None: the kernel picks each connection's source address.
  SourceAddresses() = default;

  // 127.0.0.1 .. 127.0.0.`count` for connections to `target`. Throws std::invalid_argument
  // when `count` is not in 1..kMaxLoopback or `target` is not an IPv4 loopback address, and
  // std::runtime_error naming the address when one of them cannot be bound on this machine
  // (outside Linux, often only 127.0.0.1 is configured).
  static SourceAddresses loopback(std::uint32_t count, const boost::asio::ip::tcp::endpoint& target);

  bool empty() const { return addresses_.empty(); }
  std::size_t size() const { return addresses_.size(); }

  // The source of connection `n` of a running count: the addresses in turn. Not empty().
  const boost::asio::ip::address_v4& for_connection(std::uint64_t n) const {
    return addresses_[n % addresses_.size()];
  }

  // Opens the closed `socket` and binds it to the source of connection `n`, so that its connect
  // leaves from there; does nothing when there are no addresses (the connect opens the socket).
  // On the hot path a failed bind is a failed connect: the error is returned, never thrown.
  boost::system::error_code bind(boost::asio::ip::tcp::socket& socket, std::uint64_t n) const;

 private:
  std::vector<boost::asio::ip::address_v4> addresses_;
};

}  // namespace faultline::load
