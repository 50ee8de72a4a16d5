// Blocking loopback sockets for the proxy tests: a small threaded TCP server and client helpers.
// Every socket has receive and send timeouts, so a broken proxy fails a test instead of hanging it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace faultline::fault::testing {

// Owns a descriptor.
class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  ~Socket() { close(); }
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void close();

 private:
  int fd_;
};

// Connects to 127.0.0.1:port. On failure the socket is closed and `error` holds errno.
Socket connect_to(std::uint16_t port, int* error = nullptr, int receive_buffer_bytes = 0);

bool send_all(int fd, std::string_view data);
// Up to `bytes` bytes: fewer only when the peer closed, an error came or the timeout passed.
std::string receive_exactly(int fd, std::size_t bytes);

struct Received {
  std::string data;
  bool eof = false;  // the peer closed cleanly
  int error = 0;     // errno of the failed recv() (ECONNRESET, EAGAIN for the timeout)
};
// Everything until the peer closes (or an error, or the timeout between two reads).
Received receive_until_closed(int fd);

// Whether data (or EOF) arrives within `timeout`.
bool readable_within(int fd, std::chrono::milliseconds timeout);

// Sends `message` and waits for as many bytes back; returns how long that took.
std::chrono::steady_clock::duration round_trip(int fd, std::string_view message);

// `bytes` bytes of reproducible noise.
std::string noise(std::size_t bytes, std::uint32_t seed);

// Entries in /proc/self/fd.
std::size_t open_descriptors();

// A socket listening on 127.0.0.1 with the shortest accept queue, never accepting: once the
// queue is full, the kernel drops further SYNs, so a connect to it hangs.
Socket listen_without_accepting(std::uint16_t* port);
// Starts a non-blocking connect and returns at once.
Socket connect_without_waiting(std::uint16_t port);

// A loopback port on which nothing listens (bound, then released).
std::uint16_t unused_port();

// Polls `condition` until it holds or `timeout` passes; for state that another thread updates.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(1000));

// Listens on 127.0.0.1 (a port of its own) and runs `serve` on its own thread for each
// connection; the descriptor is closed when `serve` returns. The destructor stops accepting,
// shuts every connection down and joins.
class TestServer {
 public:
  using Serve = std::function<void(int fd)>;
  explicit TestServer(Serve serve);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  void accept_loop();

  Serve serve_;
  Socket listener_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<int> connections_;  // open descriptors, to shut down on destruction
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// Echoes everything back; closes when the client does.
void echo(int fd);

}  // namespace faultline::fault::testing
