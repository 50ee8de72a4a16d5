#include "harness/fault/socket_poller.h"

#include <sys/epoll.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace faultline::fault {
namespace {

// Events fetched per epoll_wait(); more are fetched at once if the first batch was full.
constexpr int kBatch = 64;
// Full batches dispatched before the thread goes back to timers and posted work.
constexpr int kBatchesPerTurn = 8;

int create_epoll() {
  const int fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create the proxy's epoll set");
  return fd;
}

}  // namespace

SocketPoller::SocketPoller(boost::asio::io_context& io) : epoll_(io, create_epoll()) {}

boost::system::error_code SocketPoller::add(int fd, PollTarget& target) {
  epoll_event event{};
  event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  event.data.ptr = &target;
  if (::epoll_ctl(epoll_.native_handle(), EPOLL_CTL_ADD, fd, &event) != 0) {
    return {errno, boost::system::system_category()};
  }
  return {};
}

void SocketPoller::start() { do_wait(); }

void SocketPoller::stop() {
  boost::system::error_code ignored;
  epoll_.close(ignored);
}

void SocketPoller::do_wait() {
  epoll_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                    [this](const boost::system::error_code& ec) { on_ready(ec); });
}

void SocketPoller::on_ready(const boost::system::error_code& ec) {
  if (ec || !epoll_.is_open()) return;
  std::array<epoll_event, kBatch> events;
  for (int batch = 0; batch < kBatchesPerTurn; ++batch) {
    const int count = ::epoll_wait(epoll_.native_handle(), events.data(), kBatch, 0);
    for (int i = 0; i < count; ++i) static_cast<PollTarget*>(events[i].data.ptr)->on_ready(events[i].events);
    if (count < kBatch || !epoll_.is_open()) break;
  }
  // Re-arming re-evaluates the set: events that arrived meanwhile wake the loop at once.
  if (epoll_.is_open()) do_wait();
}

}  // namespace faultline::fault
