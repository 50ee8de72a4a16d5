// Memory and CPU limits on the target's process tree, by whichever mechanism this machine
// offers, chosen once when a run starts: a child cgroup in the cgroup v2 hierarchy, else child
// cgroups in the cgroup v1 memory and cpu hierarchies, else setrlimit(RLIMIT_AS) on each adopted
// process (memory only). The result records which one was used (mechanism()).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "harness/fault/cgroup_files.h"

namespace faultline::fault {

// A limit that this mechanism cannot apply (a CPU limit without a cgroup, a quota below the
// kernel's minimum). The run cannot measure what the scenario asks for: exit code 3.
class LimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The memory figures of the limited processes, read together so an OOM event can carry the
// level before it. Unset where the mechanism (or this kernel) has no such figure.
struct MemoryStatus {
  std::optional<std::uint64_t> usage_bytes;  // v2 memory.current, v1 memory.usage_in_bytes
  std::optional<std::uint64_t> peak_bytes;   // v2 memory.peak (kernel 5.19+), v1 memory.max_usage_in_bytes
  std::optional<std::uint64_t> oom_kills;    // v2 memory.events oom_kill, v1 memory.oom_control oom_kill
  std::optional<std::uint64_t> limit_hits;   // v2 memory.events max, v1 memory.failcnt
  bool under_oom = false;                    // v1 memory.oom_control under_oom: an OOM in progress

  friend bool operator==(const MemoryStatus&, const MemoryStatus&) = default;
};

class ResourceLimits {
 public:
  virtual ~ResourceLimits() = default;

  // "cgroup-v2", "cgroup-v1" or "rlimit".
  virtual std::string_view mechanism() const = 0;
  // The child cgroup (v1: the memory controller's); empty for rlimit.
  virtual std::filesystem::path path() const = 0;

  // Puts a process under the limits. Processes it starts later are covered too (cgroup
  // membership and rlimits are inherited); processes it started before are not.
  virtual void adopt(pid_t pid) = 0;
  // Sets, tightens or (nullopt) lifts the memory limit; callable at any time, e.g. at a fault's
  // `at` and again at its end.
  virtual void set_memory_limit(std::optional<std::uint64_t> bytes) = 0;
  // Sets or (nullopt) lifts the CPU limit: `cores` of CPU time per 100 ms period (0.5 is half of
  // one core). Throws LimitError where that cannot be done.
  virtual void set_cpu_limit(std::optional<double> cores) = 0;
  virtual MemoryStatus memory_status() const = 0;

  // Undoes everything: cgroups are removed (processes still inside go back to the parent),
  // rlimits of adopted processes still running are restored. The destructor does the same but
  // can only print its errors; call close() to get them as exceptions. Idempotent.
  virtual void close() = 0;
};

struct LimitsOptions {
  // Where the cgroup hierarchies are mounted: the v2 hierarchy itself, or the v1 controllers as
  // subdirectories (memory/, cpu/).
  std::filesystem::path cgroup_root = "/sys/fs/cgroup";
  // faultline's own cgroups; the child cgroup is created below them.
  std::filesystem::path membership_file = "/proc/self/cgroup";
};

// Picks the first mechanism that works here and, for cgroups, creates the child cgroup(s)
// "faultline-<run_id>". `run_id` must be a safe file name ([A-Za-z0-9._-], at most 64
// characters), else std::invalid_argument. Throws std::system_error (naming the path) only for
// failures that are not "this mechanism is unavailable", e.g. a leftover cgroup of the same name.
// `files` must outlive the result.
std::unique_ptr<ResourceLimits> open_resource_limits(std::string_view run_id, const LimitsOptions& options = {},
                                                     CgroupFiles& files = system_cgroup_files());

}  // namespace faultline::fault
