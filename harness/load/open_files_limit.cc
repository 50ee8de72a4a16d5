#include "harness/load/open_files_limit.h"

#include <sys/resource.h>

#include <cerrno>
#include <system_error>

namespace faultline::load {

OpenFilesLimit raise_open_files_limit() {
  ::rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    throw std::system_error(errno, std::generic_category(), "getrlimit(RLIMIT_NOFILE)");
  }
  if (limit.rlim_cur != limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      throw std::system_error(errno, std::generic_category(), "setrlimit(RLIMIT_NOFILE)");
    }
  }
  return {static_cast<std::uint64_t>(limit.rlim_cur), static_cast<std::uint64_t>(limit.rlim_max)};
}

std::string open_files_shortfall(std::uint64_t connections, const OpenFilesLimit& limit) {
  const std::uint64_t needed = connections + kReservedDescriptors;
  if (needed <= limit.soft) return {};
  return std::to_string(connections) + " connections need about " + std::to_string(needed) +
         " open files, but faultline may open at most " + std::to_string(limit.soft) +
         " (RLIMIT_NOFILE, hard limit " + std::to_string(limit.hard) +
         "); raise the hard limit (ulimit -Hn " + std::to_string(needed) +
         " as root, or LimitNOFILE= in a systemd unit) or use fewer connections";
}

}  // namespace faultline::load
