// The service under test for the length of one run: spawned from the scenario's command and
// awaited until ready, or attached to when it already runs. Reports the target's exits as
// events, restarts it by the scenario's restart policy, delivers signals to it, and stops what
// it started, whatever happens (also from its destructor).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/engine/readiness_probe.h"
#include "harness/engine/target_process.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

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
  // `on_spawn` is called with each new process's pid before it is probed (limits go on there).
  TargetSupervisor(const scenario::Target& target, const SupervisorSettings& settings,
                   std::function<void(int pid)> on_spawn = {});
  ~TargetSupervisor();
  TargetSupervisor(const TargetSupervisor&) = delete;
  TargetSupervisor& operator=(const TargetSupervisor&) = delete;

  const result::TargetInfo& info() const { return info_; }
  // Where load goes by default.
  const scenario::Endpoint& address() const { return address_; }
  // The target's current process (its process group leader), while one runs.
  std::optional<int> running_pid() const;

  // Sends `signal` to the target's process group (or to the attached target's pid). `fault` is
  // the fault that sends it: an exit that follows within a second is attributed to it. Throws
  // std::runtime_error when no process runs, std::system_error when the signal cannot be sent.
  void send_signal(int signal, std::optional<std::size_t> fault = std::nullopt);

  // What happened since the last call, with times from `epoch`: exits, restarts (due by the
  // policy), readiness of a restarted target. Never blocks longer than one readiness probe.
  std::vector<result::TargetEvent> poll(Clock::time_point epoch);

  // Stops a spawned target that still runs (SIGTERM, then SIGKILL after stop_grace) and
  // returns how it ended; nothing for an attached or already-exited target. No restart follows.
  std::optional<result::TargetEvent> stop(Clock::time_point epoch);

 private:
  void spawn(bool append_output);
  std::optional<result::TargetEvent> take_exit(Clock::time_point epoch);
  bool restart_allowed(const result::TargetEvent& exit) const;
  void poll_restart(Clock::time_point epoch, std::vector<result::TargetEvent>& events);

  scenario::Target target_;  // templates expanded
  SupervisorSettings settings_;
  std::function<void(int)> on_spawn_;
  result::TargetInfo info_;
  scenario::Endpoint address_;
  std::unique_ptr<TargetProcess> process_;
  bool exit_reported_ = false;

  unsigned restarts_ = 0;
  std::optional<Clock::time_point> restart_due_;       // an exit is waiting for its restart
  std::optional<Clock::time_point> restarted_at_;      // a restarted target is not ready yet
  Clock::time_point next_probe_{};
  Probe probe_;
  std::optional<std::size_t> signalling_fault_;        // the last fault that signalled it
  Clock::time_point signalled_at_{};
};

}  // namespace faultline::engine
