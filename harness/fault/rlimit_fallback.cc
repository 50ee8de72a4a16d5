#include "harness/fault/rlimit_fallback.h"

#include <algorithm>
#include <iostream>
#include <system_error>

#include "harness/fault/process_rlimit.h"

namespace faultline::fault {

RlimitFallback::RlimitFallback(std::string cgroups_unavailable)
    : cgroups_unavailable_(std::move(cgroups_unavailable)) {}

RlimitFallback::~RlimitFallback() {
  try {
    close();
  } catch (const std::exception& error) {
    std::cerr << "faultline: could not restore a memory rlimit: " << error.what() << "\n";
  }
}

void RlimitFallback::adopt(pid_t pid) {
  const ::rlimit original = process_limit(pid, RLIMIT_AS);
  originals_.insert_or_assign(pid, original);
  if (limit_bytes_) apply(pid, original);
}

void RlimitFallback::set_memory_limit(std::optional<std::uint64_t> bytes) {
  limit_bytes_ = bytes;
  for (auto it = originals_.begin(); it != originals_.end();) {
    try {
      apply(it->first, it->second);
      ++it;
    } catch (const std::system_error& error) {
      // An adopted process that has ended needs no limit (and its PID may be reused).
      if (error.code() != std::errc::no_such_process) throw;
      it = originals_.erase(it);
    }
  }
}

void RlimitFallback::set_cpu_limit(std::optional<double> cores) {
  if (!cores) return;  // nothing to lift
  throw LimitError("cpu limit: no writable cgroup on this machine, and rlimits cannot limit CPU time per period (" +
                   cgroups_unavailable_ + "run as root, or give faultline a delegated cgroup)");
}

void RlimitFallback::close() {
  set_memory_limit(std::nullopt);
  originals_.clear();
}

// Only the soft limit: this fallback mostly runs unprivileged, and a hard limit, once lowered,
// could not be raised again at the end of a fault window. (A process could raise its own soft
// limit back; programs do that for open files, not for address space.)
void RlimitFallback::apply(pid_t pid, const ::rlimit& original) {
  ::rlimit limit = original;
  if (limit_bytes_) limit.rlim_cur = std::min<rlim_t>(*limit_bytes_, original.rlim_max);
  replace_process_limit(pid, RLIMIT_AS, limit);
}

}  // namespace faultline::fault
