// The whole service wired together: subscriptions, store, metrics, connection gate, router,
// listener and the I/O threads, from a parsed Options. main() only parses the command line and
// calls listen() and run().
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
#include "targets/kvstore/subscriptions.h"

namespace kvstore {

class Server {
 public:
  explicit Server(const Options& options);

  // Binds the listening socket; the error says why it could not (e.g. the port is taken).
  boost::beast::error_code listen();
  // The address actually listened on (the kernel's choice of port when options.port was 0).
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  // Serves on options.threads threads until SIGINT or SIGTERM arrives, and returns that signal,
  // or until stop() is called, and returns 0.
  int run();
  // Makes run() return as soon as its threads finish the handlers they are in. Safe from any
  // thread; lets a test serve in-process and stop without a signal.
  void stop();

 private:
  // Declaration order is destruction order, and it matters: the io_context goes first, taking
  // the sessions (which still report to metrics_ and connections_, unsubscribe from
  // subscriptions_, and were served by router_ and store_) with it. subscriptions_ is built
  // before the store that publishes to it.
  Options options_;
  Subscriptions subscriptions_;
  std::unique_ptr<Store> store_;  // a PublishingStore around make_store()'s
  Metrics metrics_;
  ConnectionGate connections_;  // the sessions release their slots into it as they go
  Router router_;
  boost::asio::io_context io_context_;
  std::shared_ptr<Listener> listener_;
};

}  // namespace kvstore
