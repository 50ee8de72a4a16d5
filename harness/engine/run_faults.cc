#include "harness/engine/run_faults.h"

#include <csignal>
#include <exception>

#include "harness/scenario/signal_name.h"

namespace faultline::engine {

RunFaults::RunFaults(NetworkFaults* network, TargetSupervisor& target, TargetLimits& limits,
                     std::filesystem::path hog_executable, scenario::Duration run_length)
    : network_(network),
      target_(target),
      limits_(limits),
      hog_executable_(std::move(hog_executable)),
      run_length_(run_length) {}

void RunFaults::start(std::size_t index, const scenario::Fault& fault) {
  if (const auto* network = std::get_if<scenario::NetworkFault>(&fault.action)) {
    network_->start(index, *network);
  } else if (const auto* process = std::get_if<scenario::ProcessFault>(&fault.action)) {
    target_.send_signal(process->signal, index);
  } else if (const auto* limit = std::get_if<scenario::LimitFault>(&fault.action)) {
    limits_.start(index, limit->limits, target_.running_pid());
  } else if (const auto* hog = std::get_if<scenario::HogFault>(&fault.action)) {
    const scenario::Duration length = fault.length.value_or(run_length_ - fault.at);
    hogs_.emplace(index, fault::HogProcess::spawn(hog_executable_, fault::hog_arguments(*hog, length)));
  }
}

std::string RunFaults::end(std::size_t index, const scenario::Fault& fault) {
  try {
    if (fault.network() != nullptr) return network_->end(index);
    if (const auto* process = std::get_if<scenario::ProcessFault>(&fault.action)) {
      if (process->action == scenario::ProcessFault::Action::pause) target_.send_signal(SIGCONT);
    } else if (std::holds_alternative<scenario::LimitFault>(fault.action)) {
      limits_.end(index, target_.running_pid());
    } else if (const auto found = hogs_.find(index); found != hogs_.end()) {
      const fault::HogExit exit = found->second.stop();
      hogs_.erase(found);
      // A hog that ended by itself before its window closed failed (it said why on stderr).
      if (exit.exit_code.value_or(0) != 0) return "the hog exited with code " + std::to_string(*exit.exit_code);
      if (exit.signal && *exit.signal != SIGTERM && *exit.signal != SIGKILL) {
        return "the hog was killed by " + scenario::signal_name(*exit.signal);
      }
    }
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace faultline::engine
