#include "harness/engine/target_limits.h"

#include <algorithm>
#include <exception>
#include <system_error>

#include "harness/engine/run_error.h"
#include "harness/fault/process_rlimit.h"

namespace faultline::engine {
namespace {

bool limits_memory_or_cpu(const scenario::Limits& limits) { return limits.memory_bytes || limits.cpu_cores; }

bool needs_mechanism(const scenario::Scenario& s) {
  if (limits_memory_or_cpu(s.target.limits)) return true;
  for (const scenario::Fault& f : s.faults) {
    if (const auto* limit = std::get_if<scenario::LimitFault>(&f.action); limit && limits_memory_or_cpu(limit->limits)) {
      return true;
    }
  }
  return false;
}

}  // namespace

TargetLimits::TargetLimits(const scenario::Scenario& s, const std::string& run_id)
    : in_force_(s.target.limits), configured_(s.target.limits) {
  if (!needs_mechanism(s)) return;
  try {
    mechanism_ = fault::open_resource_limits(run_id);
  } catch (const std::exception& e) {
    throw EnvironmentError(std::string("cannot set up the target's limits: ") + e.what());
  }
}

TargetLimits::~TargetLimits() = default;

void TargetLimits::adopt(int pid) {
  try {
    if (mechanism_) {
      mechanism_->set_memory_limit(in_force_.memory_bytes);
      mechanism_->set_cpu_limit(in_force_.cpu_cores);
      mechanism_->adopt(pid);
    }
    if (in_force_.open_files) fault::set_open_files_limit(pid, *in_force_.open_files);
  } catch (const std::exception& e) {
    throw EnvironmentError(std::string("cannot apply the target's limits: ") + e.what());
  }
}

void TargetLimits::start(std::size_t fault, const scenario::Limits& limits, std::optional<int> pid) {
  if (limits.open_files && !pid) throw std::runtime_error("the target is not running");
  Replaced replaced{limits, in_force_, {}};
  if (limits.memory_bytes) mechanism_->set_memory_limit(limits.memory_bytes);
  if (limits.cpu_cores) mechanism_->set_cpu_limit(limits.cpu_cores);
  if (limits.open_files) {
    // The soft limit only: lowering the hard one could not be undone without CAP_SYS_RESOURCE.
    const ::rlimit before = fault::process_limit(*pid, RLIMIT_NOFILE);
    const rlim_t soft = std::min<rlim_t>(*limits.open_files, before.rlim_max);
    replaced.open_files_before = fault::replace_process_limit(*pid, RLIMIT_NOFILE, ::rlimit{soft, before.rlim_max});
  }
  replaced_[fault] = replaced;
  if (limits.memory_bytes) in_force_.memory_bytes = limits.memory_bytes;
  if (limits.cpu_cores) in_force_.cpu_cores = limits.cpu_cores;
  if (limits.open_files) in_force_.open_files = limits.open_files;
}

void TargetLimits::end(std::size_t fault, std::optional<int> pid) {
  const auto found = replaced_.find(fault);
  if (found == replaced_.end()) return;
  const auto [changed, before, open_files_before] = found->second;
  replaced_.erase(found);
  // What the fault changed goes back to what was in force before it: lifted when nothing was.
  if (changed.memory_bytes) {
    mechanism_->set_memory_limit(before.memory_bytes);
    in_force_.memory_bytes = before.memory_bytes;
  }
  if (changed.cpu_cores) {
    mechanism_->set_cpu_limit(before.cpu_cores);
    in_force_.cpu_cores = before.cpu_cores;
  }
  if (changed.open_files) {
    in_force_.open_files = before.open_files;
    if (pid) fault::replace_process_limit(*pid, RLIMIT_NOFILE, open_files_before);
  }
}

std::optional<fault::MemoryStatus> TargetLimits::memory_status() const {
  if (!mechanism_) return std::nullopt;
  return mechanism_->memory_status();
}

result::LimitsInfo TargetLimits::info() const {
  result::LimitsInfo info;
  if (mechanism_) {
    info.mechanism = std::string(mechanism_->mechanism());
    info.cgroup = mechanism_->path().string();
  } else if (configured_.open_files) {
    info.mechanism = "rlimit";
  }
  info.memory_bytes = configured_.memory_bytes;
  info.cpu_cores = configured_.cpu_cores;
  info.open_files = configured_.open_files;
  return info;
}

std::string TargetLimits::close() {
  if (!mechanism_) return "";
  try {
    mechanism_->close();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace faultline::engine
