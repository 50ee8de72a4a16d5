#include "harness/fault/cgroup_v1_limits.h"

#include <exception>
#include <system_error>

#include "harness/fault/cgroup_values.h"

namespace faultline::fault {

namespace fs = std::filesystem;

namespace {

// faultline's own cgroup in the hierarchy mounted at `mount`, or the mount's root when that path
// is not visible (a container without a cgroup namespace sees the host's paths there).
fs::path parent_in(const CgroupFiles& files, const fs::path& mount, const CgroupMembership& membership,
                   std::string_view controller) {
  const auto own = membership.controllers.find(controller);
  const fs::path parent = cgroup_directory(mount, own == membership.controllers.end() ? "/" : own->second);
  return files.exists(parent) ? parent : mount;
}

}  // namespace

std::unique_ptr<CgroupV1Limits> CgroupV1Limits::open(CgroupFiles& files, const fs::path& root,
                                                     const CgroupMembership& membership, const std::string& name,
                                                     std::string& unavailable) {
  const fs::path memory_mount = root / "memory";
  if (!files.exists(memory_mount / "memory.limit_in_bytes")) {
    unavailable += "cgroup v1: no memory hierarchy at " + memory_mount.string() + "; ";
    return nullptr;
  }
  std::unique_ptr<ChildCgroup> memory;
  try {
    memory = std::make_unique<ChildCgroup>(files, parent_in(files, memory_mount, membership, "memory"), name);
  } catch (const std::system_error& error) {
    if (error.code() == std::errc::file_exists) throw;
    unavailable += std::string("cgroup v1: ") + error.what() + "; ";
    return nullptr;
  }

  const fs::path cpu_mount = root / "cpu";
  std::unique_ptr<ChildCgroup> cpu;
  std::string cpu_unavailable;
  if (!files.exists(cpu_mount / "cpu.cfs_quota_us")) {
    cpu_unavailable = "no cpu hierarchy with CFS quotas at " + cpu_mount.string();
  } else {
    try {
      cpu = std::make_unique<ChildCgroup>(files, parent_in(files, cpu_mount, membership, "cpu"), name);
    } catch (const std::system_error& error) {
      if (error.code() == std::errc::file_exists) throw;
      cpu_unavailable = error.what();
    }
  }
  return std::unique_ptr<CgroupV1Limits>(
      new CgroupV1Limits(files, std::move(memory), std::move(cpu), std::move(cpu_unavailable)));
}

CgroupV1Limits::CgroupV1Limits(CgroupFiles& files, std::unique_ptr<ChildCgroup> memory,
                               std::unique_ptr<ChildCgroup> cpu, std::string cpu_unavailable)
    : files_(files), memory_(std::move(memory)), cpu_(std::move(cpu)), cpu_unavailable_(std::move(cpu_unavailable)) {}

void CgroupV1Limits::adopt(pid_t pid) {
  memory_->adopt(pid);
  if (cpu_) cpu_->adopt(pid);
}

void CgroupV1Limits::set_memory_limit(std::optional<std::uint64_t> bytes) {
  // "-1" is v1's "no limit".
  const std::string value = bytes ? std::to_string(*bytes) : "-1";
  const fs::path memory = memory_->file("memory.limit_in_bytes");
  const fs::path memory_and_swap = memory_->file("memory.memsw.limit_in_bytes");
  if (!files_.exists(memory_and_swap)) {
    files_.write(memory, value);
    return;
  }
  // With swap accounted, memory+swap is limited to the same value so the target cannot swap its
  // way around the limit. The kernel keeps memsw >= memory at every step: lower memory first,
  // raise memory+swap first.
  const bool lowering = bytes && *bytes < read_counter(files_, memory);
  if (lowering) {
    files_.write(memory, value);
    files_.write(memory_and_swap, value);
  } else {
    files_.write(memory_and_swap, value);
    files_.write(memory, value);
  }
}

void CgroupV1Limits::set_cpu_limit(std::optional<double> cores) {
  if (!cpu_) {
    if (!cores) return;
    throw LimitError("cpu limit: cannot be applied with cgroup v1 here: " + cpu_unavailable_);
  }
  if (!cores) {
    files_.write(cpu_->file("cpu.cfs_quota_us"), "-1");
    return;
  }
  const CpuQuota quota = cpu_quota_for(*cores);
  // The period first: the quota is checked against it.
  files_.write(cpu_->file("cpu.cfs_period_us"), std::to_string(quota.period_us));
  files_.write(cpu_->file("cpu.cfs_quota_us"), std::to_string(quota.quota_us));
}

MemoryStatus CgroupV1Limits::memory_status() const {
  MemoryStatus status;
  status.usage_bytes = read_counter(files_, memory_->file("memory.usage_in_bytes"));
  status.peak_bytes = read_counter(files_, memory_->file("memory.max_usage_in_bytes"));
  status.limit_hits = read_counter(files_, memory_->file("memory.failcnt"));
  // oom_kill appeared in kernel 4.13; before that only under_oom is there.
  const std::string oom_control = files_.read(memory_->file("memory.oom_control"));
  status.oom_kills = keyed_value(oom_control, "oom_kill");
  status.under_oom = keyed_value(oom_control, "under_oom").value_or(0) != 0;
  return status;
}

void CgroupV1Limits::close() {
  // Both, even when the first fails; the first error is the one reported.
  std::exception_ptr first_error;
  for (ChildCgroup* cgroup : {memory_.get(), cpu_.get()}) {
    if (cgroup == nullptr) continue;
    try {
      cgroup->remove();
    } catch (...) {
      if (!first_error) first_error = std::current_exception();
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace faultline::fault
