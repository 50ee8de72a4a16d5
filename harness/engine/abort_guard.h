// The scenario's abort conditions on the live run: an observer that passes every event on to
// the run's own observer (the progress line) and checks each completed series interval against
// the conditions (analysis/abort_monitor.h). The run loop asks triggered() every tick and stops
// the run like an interruption, but marked aborted.
#pragma once

#include <functional>
#include <optional>

#include "harness/analysis/abort_monitor.h"
#include "harness/engine/run_observer.h"
#include "harness/engine/target_observer.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class AbortGuard : public RunObserver {
 public:
  using Levels = std::function<std::optional<TargetObserver::Levels>()>;

  // `target_levels`: the target's levels at the latest sample (TargetObserver::last_levels).
  AbortGuard(RunObserver& inner, const scenario::Scenario& scenario, Levels target_levels);

  void on_target_ready(const result::TargetInfo& target) override { inner_.on_target_ready(target); }
  void on_interval(double t_s, const std::vector<GeneratorInterval>& generators) override;
  void on_target_event(const result::TargetEvent& event) override { inner_.on_target_event(event); }
  void on_load_stopped() override { inner_.on_load_stopped(); }

  const std::optional<analysis::AbortTrigger>& triggered() const { return trigger_; }

 private:
  RunObserver& inner_;
  double interval_s_;
  Levels target_levels_;
  analysis::AbortMonitor monitor_;
  std::optional<analysis::AbortTrigger> trigger_;
};

}  // namespace faultline::engine
