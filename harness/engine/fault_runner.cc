#include "harness/engine/fault_runner.h"

#include <cstdio>
#include <exception>
#include <type_traits>

#include "harness/scenario/signal_name.h"
#include "harness/scenario/toxic.h"
#include "harness/scenario/units.h"

namespace faultline::engine {
namespace {

double seconds(scenario::Duration d) { return std::chrono::duration<double>(d).count(); }

std::vector<FaultTimeline::Window> windows_of(const std::vector<scenario::Fault>& faults) {
  std::vector<FaultTimeline::Window> windows;
  for (const scenario::Fault& f : faults) windows.push_back({f.at, f.length});
  return windows;
}

// "%g" without the trailing zeros of std::to_string: 0.5, not 0.500000.
std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// A signal is sent once: its fault is over as soon as it is sent.
bool instantaneous(const scenario::Fault& fault) {
  const auto* process = std::get_if<scenario::ProcessFault>(&fault.action);
  return process != nullptr && process->action != scenario::ProcessFault::Action::pause;
}

}  // namespace

std::string fault_kind(const scenario::Fault& fault) {
  return std::visit(
      [](const auto& action) -> std::string {
        using Action = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<Action, scenario::NetworkFault>) {
          return std::string(scenario::toxic_name(action.toxic.toxic));
        } else if constexpr (std::is_same_v<Action, scenario::ProcessFault>) {
          switch (action.action) {
            case scenario::ProcessFault::Action::signal: return "signal";
            case scenario::ProcessFault::Action::kill: return "kill";
            case scenario::ProcessFault::Action::pause: return "pause";
          }
          return "signal";
        } else if constexpr (std::is_same_v<Action, scenario::LimitFault>) {
          if (action.limits.memory_bytes) return "memory_limit";
          return action.limits.cpu_cores ? "cpu_limit" : "open_files";
        } else {
          return action.resource == scenario::HogFault::Resource::memory ? "memory_hog" : "cpu_hog";
        }
      },
      fault.action);
}

std::string fault_spec(const scenario::Fault& fault) {
  const std::string attributes = std::visit(
      [](const auto& action) -> std::string {
        using Action = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<Action, scenario::NetworkFault>) {
          const std::string text = scenario::format_toxic(action.toxic);
          const std::size_t colon = text.find(':');
          return colon == std::string::npos ? "" : text.substr(colon + 1);
        } else if constexpr (std::is_same_v<Action, scenario::ProcessFault>) {
          if (action.action == scenario::ProcessFault::Action::pause) return "";
          return "signal=" + scenario::signal_name(action.signal);
        } else if constexpr (std::is_same_v<Action, scenario::LimitFault>) {
          if (action.limits.memory_bytes) return "memory=" + scenario::format_size(*action.limits.memory_bytes);
          if (action.limits.cpu_cores) return "cpu=" + number_text(*action.limits.cpu_cores);
          return "open_files=" + std::to_string(action.limits.open_files.value_or(0));
        } else {
          if (action.resource == scenario::HogFault::Resource::memory) {
            return "memory=" + scenario::format_size(action.memory_bytes);
          }
          return "cores=" + number_text(action.cpu_cores);
        }
      },
      fault.action);
  return attributes.empty() ? fault_kind(fault) : fault_kind(fault) + ":" + attributes;
}

FaultRunner::FaultRunner(const scenario::Scenario& s, FaultExecutor& executor)
    : faults_(s.faults), executor_(executor), timeline_(windows_of(s.faults), s.duration), in_force_(s.faults.size()) {
  for (const scenario::Fault& f : faults_) {
    result::FaultRecord record;
    record.kind = fault_kind(f);
    if (const scenario::NetworkFault* network = f.network()) record.proxy = network->proxy;
    record.spec = fault_spec(f);
    record.planned_at_s = seconds(f.at);
    if (f.length) record.planned_for_s = seconds(*f.length);
    records_.push_back(std::move(record));
  }
}

void FaultRunner::apply_due(Duration now) {
  for (const FaultTimeline::Action& action : timeline_.take_due(now)) {
    const std::size_t i = action.fault;
    if (action.edge == FaultTimeline::Edge::start) {
      try {
        executor_.start(i, faults_[i]);
        records_[i].started_s = seconds(now);
        if (instantaneous(faults_[i])) {
          records_[i].ended_s = seconds(now);
        } else {
          in_force_[i] = true;
        }
      } catch (const std::exception& e) {
        records_[i].error = std::string("could not be applied: ") + e.what();
      }
    } else if (in_force_[i]) {
      in_force_[i] = false;
      records_[i].ended_s = seconds(now);
      if (std::string error = executor_.end(i, faults_[i]); !error.empty()) records_[i].error = std::move(error);
    }
  }
}

void FaultRunner::finish(Duration now) {
  for (const FaultTimeline::Action& action : timeline_.take_remaining_ends()) {
    const std::size_t i = action.fault;
    if (!in_force_[i]) continue;
    in_force_[i] = false;
    records_[i].ended_s = seconds(now);
    if (std::string error = executor_.end(i, faults_[i]); !error.empty()) records_[i].error = std::move(error);
  }
}

}  // namespace faultline::engine
