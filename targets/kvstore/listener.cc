#include "targets/kvstore/listener.h"

#include <boost/asio/socket_base.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include <iostream>
#include <utility>

namespace kvstore {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& io_context, ConnectionGate& connections,
                   const SessionContext& session_context)
    : io_context_(io_context),
      connections_(connections),
      acceptor_(net::make_strand(io_context)),
      retry_timer_(acceptor_.get_executor()),
      session_context_(session_context) {}

beast::error_code Listener::listen(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return ec;
  // A restarted kvstore must be able to rebind while old connections sit in TIME_WAIT.
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return ec;
  acceptor_.bind(endpoint, ec);
  if (ec) return ec;
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  return ec;
}

tcp::endpoint Listener::local_endpoint() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::run() { do_accept(); }

void Listener::do_accept() {
  // Each connection gets its own strand, so sessions run in parallel across the threads.
  acceptor_.async_accept(net::make_strand(io_context_),
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;  // the acceptor was closed: accept no more
  if (ec) {
    session_context_.metrics.accept_failed();
    if (!accept_failing_) {
      std::cerr << "kvstore: accept failed: " << ec.message() << "; retrying every "
                << kAcceptRetryDelay.count() << " ms\n";
      accept_failing_ = true;
    }
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait(beast::bind_front_handler(&Listener::on_retry_timer, shared_from_this()));
    return;
  }
  accept_failing_ = false;
  session_context_.metrics.connection_accepted();
  if (auto slot = connections_.try_admit()) {
    std::make_shared<HttpSession>(std::move(socket), session_context_, std::move(*slot))->run();
  } else {
    // Closing at once (rather than leaving connections in the kernel's backlog) tells an
    // overloading client immediately, and keeps the process's fds and memory bounded.
    session_context_.metrics.connection_rejected();
    beast::error_code close_ec;  // nothing to do about a failed close; the fd is released anyway
    socket.close(close_ec);
  }
  do_accept();
}

void Listener::on_retry_timer(beast::error_code ec) {
  if (ec) return;  // cancelled together with the acceptor
  do_accept();
}

}  // namespace kvstore
