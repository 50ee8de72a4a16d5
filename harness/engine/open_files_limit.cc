#include "harness/engine/open_files_limit.h"

#include <sys/resource.h>

#include <algorithm>

#include "harness/fault/process_rlimit.h"

namespace faultline::engine {

std::uint64_t soft_limit_for(std::uint64_t descriptors, const OpenFilesLimit& current) {
  const std::uint64_t needed = descriptors + kReservedDescriptors;
  if (needed <= current.soft) return current.soft;
  return std::min(needed, current.hard);
}

OpenFilesLimit raise_open_files_limit(std::uint64_t descriptors) {
  constexpr pid_t kThisProcess = 0;
  ::rlimit limit = fault::process_limit(kThisProcess, RLIMIT_NOFILE);
  const OpenFilesLimit current{static_cast<std::uint64_t>(limit.rlim_cur), static_cast<std::uint64_t>(limit.rlim_max)};
  const std::uint64_t soft = soft_limit_for(descriptors, current);
  if (soft == current.soft) return current;
  limit.rlim_cur = static_cast<rlim_t>(soft);
  fault::replace_process_limit(kThisProcess, RLIMIT_NOFILE, limit);
  return {soft, current.hard};
}

std::string open_files_shortfall(std::uint64_t descriptors, const OpenFilesLimit& limit) {
  const std::uint64_t needed = descriptors + kReservedDescriptors;
  if (needed <= limit.soft) return {};
  return "the run's connections hold " + std::to_string(descriptors) +
         " descriptors (one each, three through a fault proxy), so faultline needs about " + std::to_string(needed) +
         " open files, but it may open at most " + std::to_string(limit.soft) +
         " (RLIMIT_NOFILE, hard limit " + std::to_string(limit.hard) +
         "); raise the hard limit (ulimit -Hn " + std::to_string(needed) +
         " as root, or LimitNOFILE= in a systemd unit) or use fewer connections";
}

}  // namespace faultline::engine
