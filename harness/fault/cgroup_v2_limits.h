// Limits through one child cgroup in the cgroup v2 (unified) hierarchy: memory.max (with
// memory.swap.max 0, so the limit is not dodged by swapping) and cpu.max.
#pragma once

#include <memory>
#include <string>

#include "harness/fault/cgroup_membership.h"
#include "harness/fault/child_cgroup.h"
#include "harness/fault/resource_limits.h"

namespace faultline::fault {

class CgroupV2Limits final : public ResourceLimits {
 public:
  // Creates `name` in the v2 hierarchy at `root`, or returns nullptr and appends to
  // `unavailable` why v2 cannot be used here (no unified hierarchy, no memory controller,
  // not writable). Throws only for a cgroup of that name already existing.
  //
  // The child goes beside faultline's own cgroup (below its parent), not below it: in v2 a
  // cgroup holding processes cannot hand controllers to children ("no internal processes"),
  // except the root. The parent must have the memory controller; cpu is used when present.
  static std::unique_ptr<CgroupV2Limits> open(CgroupFiles& files, const std::filesystem::path& root,
                                              const CgroupMembership& membership, const std::string& name,
                                              std::string& unavailable);

  std::string_view mechanism() const override { return "cgroup-v2"; }
  std::filesystem::path path() const override { return cgroup_->path(); }
  void adopt(pid_t pid) override { cgroup_->adopt(pid); }
  void set_memory_limit(std::optional<std::uint64_t> bytes) override;
  void set_cpu_limit(std::optional<double> cores) override;
  MemoryStatus memory_status() const override;
  void close() override { cgroup_->remove(); }

 private:
  CgroupV2Limits(CgroupFiles& files, std::unique_ptr<ChildCgroup> cgroup, bool cpu_enabled);

  CgroupFiles& files_;
  std::unique_ptr<ChildCgroup> cgroup_;
  bool cpu_enabled_;
};

}  // namespace faultline::fault
