#include "harness/fault/data_socket.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <boost/asio/error.hpp>
#include <cerrno>

namespace faultline::fault {
namespace {

boost::system::error_code last_error() {
  if (errno == EAGAIN || errno == EWOULDBLOCK) return boost::asio::error::would_block;
  return {errno, boost::system::system_category()};
}

}  // namespace

DataSocket& DataSocket::operator=(DataSocket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Transfer DataSocket::receive(boost::asio::mutable_buffer into) {
  for (;;) {
    const ssize_t received = ::recv(fd_, into.data(), into.size(), 0);
    if (received > 0) return {static_cast<std::size_t>(received), {}};
    if (received == 0) return {0, boost::asio::error::eof};
    if (errno != EINTR) return {0, last_error()};
  }
}

Transfer DataSocket::send(const std::array<boost::asio::const_buffer, 2>& spans) {
  for (;;) {
    ssize_t sent = 0;
    // MSG_NOSIGNAL: a peer that went away is an EPIPE value, not a SIGPIPE.
    if (spans[1].size() == 0) {
      sent = ::send(fd_, spans[0].data(), spans[0].size(), MSG_NOSIGNAL);
    } else {
      std::array<iovec, 2> parts{iovec{const_cast<void*>(spans[0].data()), spans[0].size()},
                                 iovec{const_cast<void*>(spans[1].data()), spans[1].size()}};
      msghdr message{};
      message.msg_iov = parts.data();
      message.msg_iovlen = parts.size();
      sent = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
    }
    if (sent >= 0) return {static_cast<std::size_t>(sent), {}};
    if (errno != EINTR) return {0, last_error()};
  }
}

void DataSocket::shutdown_send() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

void DataSocket::reset_on_close() {
  if (fd_ < 0) return;
  const linger immediate{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &immediate, sizeof immediate);
}

void DataSocket::close() {
  if (fd_ < 0) return;
  ::close(fd_);  // also removes it from the poller's epoll set: nothing else refers to it
  fd_ = -1;
}

}  // namespace faultline::fault
