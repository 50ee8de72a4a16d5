#include "harness/fault/listener.h"

#include <boost/asio/post.hpp>
#include <sstream>
#include <system_error>

#include "harness/fault/proxy_worker.h"

namespace faultline::fault {

namespace asio = boost::asio;

namespace {
// How long to wait before accepting again after accept() failed (out of descriptors, ...) or
// while max_connections are open.
constexpr auto kAcceptPause = std::chrono::milliseconds(50);
}  // namespace

Listener::Listener(const std::vector<std::unique_ptr<ProxyWorker>>& workers)
    : workers_(workers), acceptor_(workers.front()->io()), pause_(workers.front()->io()) {}

void Listener::open(const asio::ip::tcp::endpoint& endpoint) {
  if (const auto ec = listen(endpoint)) {
    std::ostringstream where;
    where << endpoint;
    throw std::system_error(ec, "cannot listen on " + where.str());
  }
  endpoint_ = acceptor_.local_endpoint();
}

boost::system::error_code Listener::listen(const asio::ip::tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  // Rebinding the port after `down` must not wait for TIME_WAIT connections to expire.
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }
  return ec;
}

void Listener::start() { do_accept(); }

void Listener::close() {
  ++generation_;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  pause_.cancel();
}

boost::system::error_code Listener::reopen() {
  if (acceptor_.is_open()) return {};
  const auto ec = listen(endpoint_);
  if (!ec) do_accept();
  return ec;
}

void Listener::do_accept() {
  ProxyWorker& first = *workers_.front();
  if (first.open_connections().load(std::memory_order_relaxed) >= first.config().max_connections) {
    // Checked again after a pause rather than woken by each close: closes happen on any thread.
    first.counters().accept_pauses.add(1);
    pause();
    return;
  }
  ProxyWorker& worker = *workers_[next_worker_];
  next_worker_ = (next_worker_ + 1) % workers_.size();
  // The accepted socket belongs to the worker's io_context from the start.
  acceptor_.async_accept(worker.io(), [self = shared_from_this(), &worker, generation = generation_](
                                          const boost::system::error_code& ec, asio::ip::tcp::socket socket) {
    if (generation != self->generation_) return;  // the listener was closed (and maybe reopened) since
    self->on_accept(worker, ec, std::move(socket));
  });
}

void Listener::on_accept(ProxyWorker& worker, const boost::system::error_code& ec, asio::ip::tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    workers_.front()->counters().accept_errors.add(1);
    pause();
    return;
  }
  worker.open_connections().fetch_add(1, std::memory_order_relaxed);
  asio::post(worker.io(), [&worker, socket = std::move(socket), sequence = next_sequence_++]() mutable {
    worker.adopt(std::move(socket), sequence);
  });
  do_accept();
}

void Listener::pause() {
  pause_.expires_after(kAcceptPause);
  pause_.async_wait([self = shared_from_this(), generation = generation_](const boost::system::error_code& ec) {
    if (generation == self->generation_) self->on_pause(ec);
  });
}

void Listener::on_pause(const boost::system::error_code& ec) {
  if (ec || !acceptor_.is_open()) return;
  do_accept();
}

}  // namespace faultline::fault
