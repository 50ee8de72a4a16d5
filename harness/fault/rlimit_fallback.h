// The last resort when no cgroup is writable: RLIMIT_AS on each adopted process. It limits
// address space, not resident memory, so a breach shows as failed allocations in the target
// rather than an OOM kill; and CPU time per period cannot be limited at all (LimitError).
#pragma once

#include <sys/resource.h>

#include <map>
#include <string>

#include "harness/fault/resource_limits.h"

namespace faultline::fault {

class RlimitFallback final : public ResourceLimits {
 public:
  // `cgroups_unavailable` says why no cgroup could be used; it is part of the CPU LimitError.
  explicit RlimitFallback(std::string cgroups_unavailable);
  RlimitFallback(const RlimitFallback&) = delete;
  RlimitFallback& operator=(const RlimitFallback&) = delete;
  ~RlimitFallback() override;

  std::string_view mechanism() const override { return "rlimit"; }
  std::filesystem::path path() const override { return {}; }
  void adopt(pid_t pid) override;
  void set_memory_limit(std::optional<std::uint64_t> bytes) override;
  void set_cpu_limit(std::optional<double> cores) override;
  // No figures: without a cgroup, memory is what the /proc sampler sees.
  MemoryStatus memory_status() const override { return {}; }
  void close() override;

 private:
  void apply(pid_t pid, const ::rlimit& original);

  std::string cgroups_unavailable_;
  std::optional<std::uint64_t> limit_bytes_;
  std::map<pid_t, ::rlimit> originals_;  // each adopted process's RLIMIT_AS before we changed it
};

}  // namespace faultline::fault
