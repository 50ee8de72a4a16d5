// Limits through child cgroups in the cgroup v1 hierarchies: memory (memory.limit_in_bytes,
// with memory.memsw.limit_in_bytes alongside where swap is accounted) and cpu (CFS quota per
// period). The memory hierarchy is required; without a usable cpu hierarchy a CPU limit is a
// LimitError saying why.
#pragma once

#include <memory>
#include <string>

#include "harness/fault/cgroup_membership.h"
#include "harness/fault/child_cgroup.h"
#include "harness/fault/resource_limits.h"

namespace faultline::fault {

class CgroupV1Limits final : public ResourceLimits {
 public:
  // Creates `name` below faultline's own cgroup in root/memory and root/cpu, or returns nullptr
  // and appends to `unavailable` why the memory hierarchy cannot be used. Throws only for a
  // cgroup of that name already existing.
  static std::unique_ptr<CgroupV1Limits> open(CgroupFiles& files, const std::filesystem::path& root,
                                              const CgroupMembership& membership, const std::string& name,
                                              std::string& unavailable);

  std::string_view mechanism() const override { return "cgroup-v1"; }
  std::filesystem::path path() const override { return memory_->path(); }
  void adopt(pid_t pid) override;
  void set_memory_limit(std::optional<std::uint64_t> bytes) override;
  void set_cpu_limit(std::optional<double> cores) override;
  MemoryStatus memory_status() const override;
  void close() override;

 private:
  CgroupV1Limits(CgroupFiles& files, std::unique_ptr<ChildCgroup> memory, std::unique_ptr<ChildCgroup> cpu,
                 std::string cpu_unavailable);

  CgroupFiles& files_;
  std::unique_ptr<ChildCgroup> memory_;
  std::unique_ptr<ChildCgroup> cpu_;  // null when the cpu hierarchy is unusable
  std::string cpu_unavailable_;       // why, for the LimitError
};

}  // namespace faultline::fault
