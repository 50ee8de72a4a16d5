#include "harness/engine/free_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace faultline::engine {

namespace {

[[noreturn]] void fail(const char* step, int error) {
  throw std::runtime_error(std::string("cannot pick a free TCP port on 127.0.0.1: ") + step + ": " +
                           std::generic_category().message(error));
}

}  // namespace

std::uint16_t pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket", errno);

  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // the kernel picks a free ephemeral port
  socklen_t length = sizeof address;
  const char* failed_step = nullptr;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    failed_step = "bind";
  } else if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    failed_step = "getsockname";
  }
  const int error = errno;
  ::close(fd);
  if (failed_step != nullptr) fail(failed_step, error);
  return ntohs(address.sin_port);
}

}  // namespace faultline::engine
