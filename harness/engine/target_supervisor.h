// The service under test for the length of one run: spawned from the scenario's command and
// awaited until ready, or attached to when it already runs. Reports the target's exit as an
// event and stops what it started, whatever happens (also from its destructor).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class TargetProcess;

struct SupervisorSettings {
  std::string run_dir;      // the target's stdout/stderr logs are written here
  std::string targets_dir;  // ${FAULTLINE_TARGETS}
  // Polled while waiting for readiness, so that Ctrl-C is not held up by a slow target.
  std::function<bool()> stop_requested = [] { return false; };
};

class TargetSupervisor {
 public:
  using Clock = std::chrono::steady_clock;

  // Spawns and waits for readiness, or attaches. Throws ScenarioError (exit 2) for an
  // undefined ${VAR} and EnvironmentError (exit 3) when the target cannot be started, exits
  // before it is ready, or is not ready within ready.timeout; nothing is left running then.
  TargetSupervisor(const scenario::Target& target, const SupervisorSettings& settings);
  ~TargetSupervisor();
  TargetSupervisor(const TargetSupervisor&) = delete;
  TargetSupervisor& operator=(const TargetSupervisor&) = delete;

  const result::TargetInfo& info() const { return info_; }
  // Where load goes by default.
  const scenario::Endpoint& address() const { return address_; }

  // The spawned target's exit, reported once, `t_s` measured from `epoch`.
  std::optional<result::TargetEvent> poll_exit(Clock::time_point epoch);

  // Stops a spawned target that still runs (SIGTERM, then SIGKILL after stop_grace) and
  // returns how it ended; nothing for an attached or already-exited target.
  std::optional<result::TargetEvent> stop(Clock::time_point epoch);

 private:
  result::TargetInfo info_;
  scenario::Endpoint address_;
  std::chrono::nanoseconds stop_grace_{};
  std::unique_ptr<TargetProcess> process_;
  bool exit_reported_ = false;
};

}  // namespace faultline::engine
