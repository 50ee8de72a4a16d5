// The whole service wired together: store, metrics, connection gate, router, listener and the
// I/O threads, from a parsed Options. main() only parses the command line and calls listen() and
// run().
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>

#include <memory>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/listener.h"
#include "targets/kvstore/metrics.h"
#include "targets/kvstore/options.h"
#include "targets/kvstore/router.h"
#include "targets/kvstore/store.h"

namespace kvstore {

class Server {
 public:
  explicit Server(const Options& options);

  // Binds the listening socket; the error says why it could not (e.g. the port is taken).
  boost::beast::error_code listen();
  // The address actually listened on (the kernel's choice of port when options.port was 0).
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  // Serves on options.threads threads until SIGINT or SIGTERM arrives; returns that signal.
  int run();

 private:
  // Declaration order is destruction order, and it matters: the io_context goes first, taking
  // the sessions (which still report to metrics_ and connections_, and were served by router_)
  // with it.
  Options options_;
  std::unique_ptr<Store> store_;
  Metrics metrics_;
  ConnectionGate connections_;  // the sessions release their slots into it as they go
  Router router_;
  boost::asio::io_context io_context_;
  std::shared_ptr<Listener> listener_;
};

}  // namespace kvstore
