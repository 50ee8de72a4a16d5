#include "harness/fault/cgroup_v2_limits.h"

#include <system_error>

#include "harness/fault/cgroup_values.h"

namespace faultline::fault {

namespace fs = std::filesystem;

std::unique_ptr<CgroupV2Limits> CgroupV2Limits::open(CgroupFiles& files, const fs::path& root,
                                                     const CgroupMembership& membership, const std::string& name,
                                                     std::string& unavailable) {
  if (!files.exists(root / "cgroup.controllers")) {
    unavailable += "cgroup v2: no unified hierarchy at " + root.string() + "; ";
    return nullptr;
  }
  const fs::path own = membership.unified.value_or("/");
  fs::path parent = cgroup_directory(root, own == "/" ? own.string() : own.parent_path().string());
  // In a container without a cgroup namespace the path names the host's tree, which is not
  // mounted here; the container's own cgroup is then the mount's root.
  if (!files.exists(parent)) parent = root;

  try {
    const std::string available = files.read(parent / "cgroup.controllers");
    if (!has_word(available, "memory")) {
      unavailable += "cgroup v2: the memory controller is not available in " + parent.string() + "; ";
      return nullptr;
    }
    const bool cpu_available = has_word(available, "cpu");
    const std::string enabled = files.read(parent / "cgroup.subtree_control");
    std::string enable;
    if (!has_word(enabled, "memory")) enable += "+memory ";
    if (cpu_available && !has_word(enabled, "cpu")) enable += "+cpu ";
    if (!enable.empty()) files.write(parent / "cgroup.subtree_control", enable);
    auto cgroup = std::make_unique<ChildCgroup>(files, parent, name);
    return std::unique_ptr<CgroupV2Limits>(new CgroupV2Limits(files, std::move(cgroup), cpu_available));
  } catch (const std::system_error& error) {
    if (error.code() == std::errc::file_exists) throw;
    unavailable += std::string("cgroup v2: ") + error.what() + "; ";
    return nullptr;
  }
}

CgroupV2Limits::CgroupV2Limits(CgroupFiles& files, std::unique_ptr<ChildCgroup> cgroup, bool cpu_enabled)
    : files_(files), cgroup_(std::move(cgroup)), cpu_enabled_(cpu_enabled) {}

void CgroupV2Limits::set_memory_limit(std::optional<std::uint64_t> bytes) {
  files_.write(cgroup_->file("memory.max"), bytes ? std::to_string(*bytes) : "max");
  // Present only with swap accounting; without it there is nothing to dodge the limit with.
  const fs::path swap = cgroup_->file("memory.swap.max");
  if (files_.exists(swap)) files_.write(swap, bytes ? "0" : "max");
}

void CgroupV2Limits::set_cpu_limit(std::optional<double> cores) {
  if (!cpu_enabled_) {
    if (!cores) return;
    throw LimitError("cpu limit: the cpu controller is not available to " + cgroup_->path().string());
  }
  if (!cores) {
    files_.write(cgroup_->file("cpu.max"), "max");
    return;
  }
  const CpuQuota quota = cpu_quota_for(*cores);
  files_.write(cgroup_->file("cpu.max"), std::to_string(quota.quota_us) + " " + std::to_string(quota.period_us));
}

MemoryStatus CgroupV2Limits::memory_status() const {
  MemoryStatus status;
  status.usage_bytes = read_counter(files_, cgroup_->file("memory.current"));
  if (const fs::path peak = cgroup_->file("memory.peak"); files_.exists(peak)) {
    status.peak_bytes = read_counter(files_, peak);
  }
  const std::string events = files_.read(cgroup_->file("memory.events"));
  status.oom_kills = keyed_value(events, "oom_kill");
  status.limit_hits = keyed_value(events, "max");
  return status;
}

}  // namespace faultline::fault
