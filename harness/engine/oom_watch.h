// Tells when the kernel OOM-killed the target (DESIGN.md, "Memory-limit breach"): the cgroup's
// oom_kill counter going up, or, where no counter exists, a SIGKILL exit while the target's
// memory was at its limit.
#pragma once

#include <cstdint>
#include <optional>

#include "harness/fault/resource_limits.h"
#include "harness/result/run_result.h"

namespace faultline::engine {

class OomWatch {
 public:
  // A new reading of the cgroup's memory figures at `t_s`: an "oom_kill" event for each kill the
  // counter gained since the last reading (with the last usage seen before it).
  std::vector<result::TargetEvent> update(const fault::MemoryStatus& status, double t_s);

  // What an exit of the target was: an OOM kill when the counter rose since the last exit, or,
  // without a counter, when it was a SIGKILL while the last usage seen was within 5% of
  // `limit_bytes` (then `event` is the "oom_kill" event to record, which no counter gave).
  struct ExitCause {
    bool oom_killed = false;
    std::optional<result::TargetEvent> event;
  };
  ExitCause on_exit(const result::TargetEvent& exit, std::optional<std::uint64_t> limit_bytes,
                    std::optional<std::uint64_t> rss_bytes);

 private:
  std::optional<std::uint64_t> kills_;       // the counter at the last reading
  std::optional<std::uint64_t> last_usage_;  // bytes, at the last reading
  bool counter_reported_since_exit_ = false;
};

}  // namespace faultline::engine
