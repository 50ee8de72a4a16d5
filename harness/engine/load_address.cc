#include "harness/engine/load_address.h"

#include <boost/asio/io_context.hpp>

#include "harness/engine/run_error.h"

namespace faultline::engine {

namespace asio = boost::asio;

std::string to_string(const scenario::Endpoint& address) {
  const bool v6 = address.host.find(':') != std::string::npos;
  return (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

LoadAddress resolve_load_address(const scenario::Endpoint& address, bool allow_remote, const std::string& field) {
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(address.host, std::to_string(address.port),
                                        asio::ip::resolver_base::numeric_service, ec);
  if (ec || results.empty()) {
    throw EnvironmentError(field + ": cannot resolve " + address.host + ": " + ec.message());
  }
  // Every address the name stands for must be loopback, not just the first one tried.
  for (const auto& entry : results) {
    const asio::ip::address ip = entry.endpoint().address();
    if (!ip.is_loopback() && !allow_remote) {
      throw UsageError(field + ": " + to_string(address) + " resolves to " + ip.to_string() +
                       ", which is not a loopback address; faultline sends load only to this machine unless the "
                       "scenario sets \"allow_remote\": true or the command line passes --allow-remote");
    }
  }
  return LoadAddress{results.begin()->endpoint(), to_string(address)};
}

}  // namespace faultline::engine
