// Readiness of a worker's data sockets, edge-triggered: each socket is registered once, for
// reading and writing, and the poller reports when it becomes readable or writable. Pipes then
// read until a short read and write until a short write, so no syscall is spent learning that
// there is nothing to do. The poller's epoll set is itself one descriptor of the worker's
// io_context, so timers, accepts, connects and posted work run on the same thread as before.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdint>

namespace faultline::fault {

// Whoever a registered socket's events go to; `events` are epoll's (EPOLLIN, EPOLLOUT, ...).
class PollTarget {
 public:
  virtual void on_ready(std::uint32_t events) = 0;

 protected:
  ~PollTarget() = default;
};

class SocketPoller {
 public:
  // Throws std::system_error when the epoll set cannot be created.
  explicit SocketPoller(boost::asio::io_context& io);

  // Reports `fd`'s readiness to `target` until the descriptor is closed. The target must stay
  // alive until then, and until the events already fetched are dispatched: a session that ends
  // inside a dispatch is released by a posted task, which runs after it.
  boost::system::error_code add(int fd, PollTarget& target);

  void start();
  // Stops waiting and closes the epoll set.
  void stop();

 private:
  void do_wait();
  void on_ready(const boost::system::error_code& ec);

  boost::asio::posix::stream_descriptor epoll_;
};

}  // namespace faultline::fault
