#include "harness/engine/target_supervisor.h"

#include <stdexcept>

#include "harness/engine/command_template.h"
#include "harness/engine/free_port.h"
#include "harness/engine/load_address.h"
#include "harness/engine/output_tail.h"
#include "harness/engine/run_error.h"
#include "harness/fault/process_signals.h"

namespace faultline::engine {

namespace {

constexpr std::size_t kStderrLinesInMessages = 20;
// An exit this soon after a fault's signal is that fault's doing.
constexpr auto kSignalAttribution = std::chrono::seconds(1);
// A readiness probe of a restarted target may hold the run loop this long at most.
constexpr auto kRestartProbeBudget = std::chrono::milliseconds(100);

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

result::TargetEvent event_at(std::string kind, std::chrono::steady_clock::time_point at,
                             std::chrono::steady_clock::time_point epoch) {
  result::TargetEvent event;
  event.t_s = seconds(at - epoch);
  event.kind = std::move(kind);
  return event;
}

}  // namespace

TargetSupervisor::TargetSupervisor(const scenario::Target& target, const SupervisorSettings& settings,
                                   std::function<void(int pid)> on_spawn)
    : target_(target), settings_(settings), on_spawn_(std::move(on_spawn)) {
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
  target_ = expand_target_templates(target, variables);
  address_ = scenario::Endpoint{"127.0.0.1", variables.port};
  info_.mode = "spawned";
  info_.address = to_string(address_);
  spawn(false);
  info_.stdout_log = process_->stdout_path().filename().string();
  info_.stderr_log = process_->stderr_path().filename().string();

  const ReadyResult ready = wait_until_ready(
      address_, target.ready, [&] { return keep_waiting() && !process_->poll_exit(); });
  if (ready.outcome == ReadyResult::Outcome::ready) {
    info_.ready_after_s = seconds(ready.waited);
    probe_ = make_probe(address_, target_.ready);
    return;
  }
  // Nothing may be left running when the run cannot go on.
  const ExitStatus status = process_->stop(target_.stop_grace);
  if (settings.stop_requested()) throw InterruptedError("interrupted while waiting for the target to become ready");
  std::string message = "the target (" + target_.command.front() + ", pid " + std::to_string(info_.pid.value_or(0)) +
                        ") " + ready.describe();
  if (ready.outcome == ReadyResult::Outcome::target_exited) message += ": " + status.describe();
  throw EnvironmentError(message + stderr_excerpt(*process_));
}

TargetSupervisor::~TargetSupervisor() = default;

void TargetSupervisor::spawn(bool append_output) {
  SpawnSpec spec;
  spec.argv = target_.command;
  spec.env = target_.env;
  spec.cwd = target_.cwd;
  spec.output_dir = settings_.run_dir;
  spec.append_output = append_output;
  spec.stop_grace = target_.stop_grace;
  try {
    process_ = std::make_unique<TargetProcess>(TargetProcess::spawn(spec));
  } catch (const SpawnError& e) {
    throw EnvironmentError(std::string("cannot start the target: ") + e.what());
  }
  exit_reported_ = false;
  info_.pid = process_->pid();
  if (on_spawn_) on_spawn_(process_->pid());
}

std::optional<int> TargetSupervisor::running_pid() const {
  if (!target_.spawned()) return target_.pid;
  if (!process_ || exit_reported_) return std::nullopt;
  return process_->pid();
}

void TargetSupervisor::send_signal(int signal, std::optional<std::size_t> fault) {
  const std::optional<int> pid = running_pid();
  if (!pid) throw std::runtime_error("the target is not running");
  // A spawned target leads its own process group: the signal reaches everything it started.
  fault::send_signal(*pid, target_.spawned() ? fault::SignalScope::process_group : fault::SignalScope::process, signal);
  signalling_fault_ = fault;
  signalled_at_ = Clock::now();
}

std::optional<result::TargetEvent> TargetSupervisor::take_exit(Clock::time_point epoch) {
  if (!process_ || exit_reported_) return std::nullopt;
  const auto status = process_->poll_exit();
  if (!status) return std::nullopt;
  exit_reported_ = true;
  result::TargetEvent event = exit_event(*status, epoch);
  if (signalling_fault_ && status->observed_at - signalled_at_ <= kSignalAttribution) event.fault = signalling_fault_;
  // Numbered from 1 for people, as the report and expectations do; the "fault" field is the index.
  event.detail = event.fault ? "ended by fault " + std::to_string(*event.fault + 1) : "exited during the run";
  // Its group may still hold processes it started; they go with it.
  process_->stop(target_.stop_grace);
  return event;
}

bool TargetSupervisor::restart_allowed(const result::TargetEvent& exit) const {
  using When = scenario::RestartPolicy::When;
  if (restarts_ >= target_.restart.max_restarts) return false;
  if (target_.restart.when == When::always) return true;
  const bool failed = exit.signal.has_value() || exit.exit_code.value_or(0) != 0;
  return target_.restart.when == When::on_failure && failed;
}

std::vector<result::TargetEvent> TargetSupervisor::poll(Clock::time_point epoch) {
  std::vector<result::TargetEvent> events;
  if (auto exit = take_exit(epoch)) {
    if (restart_allowed(*exit)) restart_due_ = Clock::now() + target_.restart.delay;
    restarted_at_.reset();
    events.push_back(std::move(*exit));
  }
  poll_restart(epoch, events);
  return events;
}

void TargetSupervisor::poll_restart(Clock::time_point epoch, std::vector<result::TargetEvent>& events) {
  const Clock::time_point now = Clock::now();
  if (restart_due_ && now >= *restart_due_) {
    restart_due_.reset();
    ++restarts_;
    spawn(true);
    restarted_at_ = now;
    next_probe_ = now;
    result::TargetEvent event = event_at("restart", now, epoch);
    event.detail = "restart " + std::to_string(restarts_) + " of at most " + std::to_string(target_.restart.max_restarts) +
                   " (pid " + std::to_string(process_->pid()) + ")";
    events.push_back(std::move(event));
  }
  if (!restarted_at_ || now < next_probe_ || exit_reported_) return;
  next_probe_ = now + target_.ready.interval;
  if (probe_(kRestartProbeBudget).ok) {
    result::TargetEvent event = event_at("ready", Clock::now(), epoch);
    event.ready_after_s = seconds(Clock::now() - *restarted_at_);
    events.push_back(std::move(event));
    restarted_at_.reset();
  } else if (now - *restarted_at_ >= target_.ready.timeout) {
    result::TargetEvent event = event_at("not_ready", now, epoch);
    event.detail = "not ready " + std::to_string(static_cast<int>(seconds(target_.ready.timeout))) +
                   "s after its restart";
    events.push_back(std::move(event));
    restarted_at_.reset();
  }
}

std::optional<result::TargetEvent> TargetSupervisor::stop(Clock::time_point epoch) {
  restart_due_.reset();
  if (!process_ || exit_reported_ || process_->poll_exit()) return std::nullopt;
  return exit_event(process_->stop(target_.stop_grace), epoch);
}

}  // namespace faultline::engine
