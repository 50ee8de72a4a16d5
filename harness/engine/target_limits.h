// The target's resource limits for one run: those of target.limits from each spawn on, and the
// tighter ones of limit faults for their windows. Memory and CPU go through a child cgroup (or
// the rlimit fallback, see fault/resource_limits.h), open files through prlimit on the process.
#pragma once

#include <sys/resource.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "harness/fault/resource_limits.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class TargetLimits {
 public:
  // Opens the limit mechanism when the scenario limits memory or CPU anywhere; `run_id` names
  // the child cgroup. Throws EnvironmentError (exit 3) when no mechanism can apply them.
  TargetLimits(const scenario::Scenario& scenario, const std::string& run_id);
  ~TargetLimits();

  // A new target process: under the limits in force. Throws EnvironmentError when a limit
  // cannot be applied.
  void adopt(int pid);

  // Fault number `fault` tightens a limit of the process `pid`; end() puts the one before back.
  // Throw std::exception with the reason when they cannot.
  void start(std::size_t fault, const scenario::Limits& limits, std::optional<int> pid);
  void end(std::size_t fault, std::optional<int> pid);

  // The cgroup's memory figures; nullopt without a cgroup or rlimit mechanism.
  std::optional<fault::MemoryStatus> memory_status() const;
  // The memory limit in force now, if any.
  std::optional<std::uint64_t> memory_limit() const { return in_force_.memory_bytes; }

  // How the limits were applied, for the result.
  result::LimitsInfo info() const;

  // Removes the cgroup (processes still in it go back to faultline's); returns why that failed,
  // or "". Idempotent.
  std::string close();

 private:
  std::unique_ptr<fault::ResourceLimits> mechanism_;
  scenario::Limits in_force_;                          // what the current process lives under
  scenario::Limits configured_;                        // target.limits
  struct Replaced {
    scenario::Limits changed;  // the members the fault set
    scenario::Limits before;   // what was in force before it
    ::rlimit open_files_before;  // the process's own RLIMIT_NOFILE, when the fault set it
  };
  std::map<std::size_t, Replaced> replaced_;           // by fault
};

}  // namespace faultline::engine
