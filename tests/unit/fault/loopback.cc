#include "tests/unit/fault/loopback.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>
#include <stdexcept>

namespace faultline::fault::testing {
namespace {

// Long enough for a loaded two-core machine, short enough that a hang fails fast.
constexpr int kIoTimeoutMs = 2000;

void set_timeouts(int fd) {
  const timeval timeout{kIoTimeoutMs / 1000, (kIoTimeoutMs % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void Socket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Socket connect_to(std::uint16_t port, int* error, int receive_buffer_bytes) {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (receive_buffer_bytes > 0) {
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  }
  set_timeouts(socket.fd());
  const sockaddr_in address = loopback(port);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (error != nullptr) *error = errno;
    socket.close();
  }
  return socket;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

std::string receive_exactly(int fd, std::size_t bytes) {
  std::string data(bytes, '\0');
  std::size_t received = 0;
  while (received < bytes) {
    const ssize_t n = ::recv(fd, data.data() + received, bytes - received, 0);
    if (n <= 0) break;
    received += static_cast<std::size_t>(n);
  }
  data.resize(received);
  return data;
}

Received receive_until_closed(int fd) {
  Received result;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      result.data.append(buffer, static_cast<std::size_t>(n));
    } else {
      result.eof = n == 0;
      result.error = n < 0 ? errno : 0;
      return result;
    }
  }
}

bool readable_within(int fd, std::chrono::milliseconds timeout) {
  pollfd waiting{fd, POLLIN, 0};
  return ::poll(&waiting, 1, static_cast<int>(timeout.count())) > 0;
}

std::chrono::steady_clock::duration round_trip(int fd, std::string_view message) {
  const auto start = std::chrono::steady_clock::now();
  if (!send_all(fd, message)) return std::chrono::hours(1);
  if (receive_exactly(fd, message.size()).size() != message.size()) return std::chrono::hours(1);
  return std::chrono::steady_clock::now() - start;
}

std::string noise(std::size_t bytes, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string data(bytes, '\0');
  for (char& c : data) c = static_cast<char>(random());
  return data;
}

std::size_t open_descriptors() {
  std::size_t count = 0;
  DIR* directory = ::opendir("/proc/self/fd");
  if (directory == nullptr) return 0;
  while (const dirent* entry = ::readdir(directory)) {
    if (entry->d_name[0] != '.') ++count;
  }
  ::closedir(directory);
  return count - 1;  // the directory's own descriptor
}

Socket listen_without_accepting(std::uint16_t* port) {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  ::bind(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  ::listen(socket.fd(), 0);
  ::getsockname(socket.fd(), reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  return socket;
}

Socket connect_without_waiting(std::uint16_t port) {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  const sockaddr_in address = loopback(port);
  ::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  return socket;
}

std::uint16_t unused_port() {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  ::bind(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  ::getsockname(socket.fd(), reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

TestServer::TestServer(Serve serve) : serve_(std::move(serve)) {
  listener_ = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (::bind(listener_.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_.fd(), 64) != 0 ||
      ::getsockname(listener_.fd(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("test server cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestServer::~TestServer() {
  stopping_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& thread : threads_) thread.join();
}

void TestServer::accept_loop() {
  while (!stopping_) {
    // A short poll, so that the destructor is noticed within 20 ms.
    pollfd waiting{listener_.fd(), POLLIN, 0};
    if (::poll(&waiting, 1, 20) <= 0) continue;
    const int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    set_timeouts(fd);
    std::lock_guard lock(mutex_);
    connections_.push_back(fd);
    threads_.emplace_back([this, fd] {
      serve_(fd);
      std::lock_guard inner(mutex_);
      connections_.erase(std::find(connections_.begin(), connections_.end(), fd));
      ::close(fd);
    });
  }
}

void echo(int fd) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    if (!send_all(fd, std::string_view(buffer, static_cast<std::size_t>(n)))) return;
  }
}

}  // namespace faultline::fault::testing
