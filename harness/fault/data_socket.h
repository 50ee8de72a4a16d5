// A connected TCP socket that a pipe reads and writes itself, with plain non-blocking calls
// instead of Asio operations. Asio's reactor tries a speculative recv() before it waits, and
// on a request/response stream that recv() nearly always returns EAGAIN: a third syscall for
// every two that move data. The proxy instead learns readiness from its SocketPoller and stops
// reading at the first short read, as haproxy does. Failures are values, never exceptions.
#pragma once

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>

namespace faultline::fault {

// The outcome of one recv() or send(): bytes moved, or why none were. `error` is
// boost::asio::error::would_block when the call would have blocked, boost::asio::error::eof
// when the peer closed its side (recv only), else the system error.
struct Transfer {
  std::size_t bytes = 0;
  boost::system::error_code error;
};

class DataSocket {
 public:
  DataSocket() = default;
  // Takes ownership of a connected, non-blocking descriptor.
  explicit DataSocket(int fd) : fd_(fd) {}
  ~DataSocket() { close(); }
  DataSocket(DataSocket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataSocket& operator=(DataSocket&& other) noexcept;
  DataSocket(const DataSocket&) = delete;
  DataSocket& operator=(const DataSocket&) = delete;

  int fd() const { return fd_; }

  Transfer receive(boost::asio::mutable_buffer into);
  // Sends the first span and then the second (which may be empty) in one call.
  Transfer send(const std::array<boost::asio::const_buffer, 2>& spans);

  // Sends a FIN after the data already written.
  void shutdown_send();
  // Makes close() send an RST instead of a FIN (SO_LINGER with a zero timeout).
  void reset_on_close();
  void close();

 private:
  int fd_ = -1;
};

}  // namespace faultline::fault
