#include "targets/kvstore/server.h"

#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <thread>
#include <vector>

#include "targets/kvstore/publishing_store.h"
#include "targets/kvstore/thread_count.h"

namespace kvstore {

namespace net = boost::asio;

Server::Server(const Options& options)
    : options_(options),
      store_(std::make_unique<PublishingStore>(make_store(options.defect), subscriptions_)),
      connections_(connection_bound(options.defect, options.max_connections)),
      router_(*store_, metrics_, connections_, [] { return read_thread_count(); }),
      io_context_(static_cast<int>(options.threads)),
      listener_(std::make_shared<Listener>(
          io_context_, connections_,
          SessionContext{router_, *store_, subscriptions_, metrics_, SessionLimits{},
                         SessionBehaviour{options.response_delay,
                                          connection_buffer_bytes(options.defect)}})) {}

boost::beast::error_code Server::listen() {
  return listener_->listen(net::ip::tcp::endpoint(options_.bind_address, options_.port));
}

net::ip::tcp::endpoint Server::local_endpoint() const { return listener_->local_endpoint(); }

int Server::run() {
  int stop_signal = 0;  // written by whichever thread takes the signal, read after they all join
  net::signal_set signals(io_context_, SIGINT, SIGTERM);
  signals.async_wait([this, &stop_signal](boost::system::error_code ec, int signal_number) {
    if (!ec) stop_signal = signal_number;
    // Stopping the loop stops accepting and abandons every connection; the sockets close as
    // the io_context destroys their pending handlers (and with them the sessions).
    io_context_.stop();
  });

  listener_->run();

  // This thread is one of the options_.threads, so the process has exactly that many threads.
  std::vector<std::thread> workers;
  workers.reserve(options_.threads - 1);
  for (unsigned i = 1; i < options_.threads; ++i) workers.emplace_back([this] { io_context_.run(); });
  io_context_.run();
  for (auto& worker : workers) worker.join();
  return stop_signal;
}

void Server::stop() { io_context_.stop(); }

}  // namespace kvstore
