#include "harness/engine/target_supervisor.h"

#include "harness/engine/command_template.h"
#include "harness/engine/free_port.h"
#include "harness/engine/load_address.h"
#include "harness/engine/output_tail.h"
#include "harness/engine/readiness_probe.h"
#include "harness/engine/run_error.h"
#include "harness/engine/target_process.h"

namespace faultline::engine {

namespace {

constexpr std::size_t kStderrLinesInMessages = 20;

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

std::string stderr_excerpt(const TargetProcess& process) {
  const auto lines = read_last_lines(process.stderr_path(), kStderrLinesInMessages);
  if (lines.empty()) return "; its stderr is empty";
  std::string text = "; last lines of its stderr (" + process.stderr_path().string() + "):";
  for (const std::string& line : lines) text += "\n  | " + line;
  return text;
}

result::TargetEvent exit_event(const ExitStatus& status, std::chrono::steady_clock::time_point epoch) {
  result::TargetEvent event;
  event.t_s = seconds(status.observed_at - epoch);
  event.kind = "exit";
  event.exit_code = status.exit_code;
  if (status.signal) event.signal = status.signal_name();
  return event;
}

}  // namespace

TargetSupervisor::TargetSupervisor(const scenario::Target& target, const SupervisorSettings& settings)
    : stop_grace_(target.stop_grace) {
  const auto keep_waiting = [&] { return !settings.stop_requested(); };
  if (!target.spawned()) {
    address_ = *target.address;
    info_.mode = "attached";
    info_.address = to_string(address_);
    info_.pid = target.pid;
    // Probes need a literal address; whether load may go there is decided with the load.
    const LoadAddress resolved = resolve_load_address(address_, true, "/target/address");
    const scenario::Endpoint probed{resolved.endpoint.address().to_string(), address_.port};
    const ReadyResult ready = wait_until_ready(probed, target.ready, keep_waiting);
    if (settings.stop_requested()) throw InterruptedError("interrupted while waiting for the target to become ready");
    if (ready.outcome != ReadyResult::Outcome::ready) {
      throw EnvironmentError("the target at " + info_.address + " is " + ready.describe());
    }
    return;
  }

  TemplateVariables variables;
  variables.port = pick_free_port();
  variables.targets_dir = settings.targets_dir;
  variables.environment = lookup_process_environment;
  const scenario::Target expanded = expand_target_templates(target, variables);

  SpawnSpec spec;
  spec.argv = expanded.command;
  spec.env = expanded.env;
  spec.cwd = expanded.cwd;
  spec.output_dir = settings.run_dir;
  spec.stop_grace = target.stop_grace;
  try {
    process_ = std::make_unique<TargetProcess>(TargetProcess::spawn(spec));
  } catch (const SpawnError& e) {
    throw EnvironmentError(std::string("cannot start the target: ") + e.what());
  }
  address_ = scenario::Endpoint{"127.0.0.1", variables.port};
  info_.mode = "spawned";
  info_.address = to_string(address_);
  info_.pid = process_->pid();
  info_.stdout_log = process_->stdout_path().filename().string();
  info_.stderr_log = process_->stderr_path().filename().string();

  const ReadyResult ready = wait_until_ready(
      address_, target.ready, [&] { return keep_waiting() && !process_->poll_exit(); });
  if (ready.outcome == ReadyResult::Outcome::ready) {
    info_.ready_after_s = seconds(ready.waited);
    return;
  }
  // Nothing may be left running when the run cannot go on.
  const ExitStatus status = process_->stop(stop_grace_);
  if (settings.stop_requested()) throw InterruptedError("interrupted while waiting for the target to become ready");
  std::string message = "the target (" + expanded.command.front() + ", pid " + std::to_string(info_.pid.value_or(0)) +
                        ") " + ready.describe();
  if (ready.outcome == ReadyResult::Outcome::target_exited) message += ": " + status.describe();
  throw EnvironmentError(message + stderr_excerpt(*process_));
}

TargetSupervisor::~TargetSupervisor() = default;

std::optional<result::TargetEvent> TargetSupervisor::poll_exit(Clock::time_point epoch) {
  if (!process_ || exit_reported_) return std::nullopt;
  const auto status = process_->poll_exit();
  if (!status) return std::nullopt;
  exit_reported_ = true;
  return exit_event(*status, epoch);
}

std::optional<result::TargetEvent> TargetSupervisor::stop(Clock::time_point epoch) {
  if (!process_ || exit_reported_ || process_->poll_exit()) return std::nullopt;
  return exit_event(process_->stop(stop_grace_), epoch);
}

}  // namespace faultline::engine
