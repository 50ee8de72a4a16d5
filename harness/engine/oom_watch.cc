#include "harness/engine/oom_watch.h"

namespace faultline::engine {
namespace {

// "At its limit": the kernel kills once an allocation cannot be met, so the last reading before
// the kill is close to the limit, not necessarily on it.
constexpr double kAtLimit = 0.95;

result::TargetEvent oom_event(double t_s, std::optional<std::uint64_t> memory_bytes, std::string detail) {
  result::TargetEvent event;
  event.t_s = t_s;
  event.kind = "oom_kill";
  event.memory_bytes = memory_bytes;
  event.detail = std::move(detail);
  return event;
}

}  // namespace

std::vector<result::TargetEvent> OomWatch::update(const fault::MemoryStatus& status, double t_s) {
  std::vector<result::TargetEvent> events;
  if (status.oom_kills) {
    // The cgroup may have had kills before the run (it is new, so normally 0).
    const std::uint64_t before = kills_.value_or(*status.oom_kills);
    for (std::uint64_t k = before; k < *status.oom_kills; ++k) {
      events.push_back(oom_event(t_s, last_usage_, "the kernel's OOM killer ended a process of the target at its memory limit"));
      counter_reported_since_exit_ = true;
    }
    kills_ = status.oom_kills;
  }
  if (status.usage_bytes && *status.usage_bytes > 0) last_usage_ = status.usage_bytes;
  return events;
}

OomWatch::ExitCause OomWatch::on_exit(const result::TargetEvent& exit, std::optional<std::uint64_t> limit_bytes,
                                      std::optional<std::uint64_t> rss_bytes) {
  const bool counted = counter_reported_since_exit_;
  counter_reported_since_exit_ = false;
  if (counted) return {true, std::nullopt};
  if (kills_ || exit.signal != "SIGKILL" || exit.fault || !limit_bytes) return {};
  const std::optional<std::uint64_t> level = last_usage_ ? last_usage_ : rss_bytes;
  if (!level || static_cast<double>(*level) < kAtLimit * static_cast<double>(*limit_bytes)) return {};
  return {true, oom_event(exit.t_s, level, "killed by SIGKILL while at its memory limit")};
}

}  // namespace faultline::engine
