// Runs one scenario end to end: starts (or attaches to) the target, drives every load
// generator along the run's timeline, watches the target, stops everything and assembles the
// result. Bounded in time by the scenario's duration plus fixed grace periods.
#pragma once

#include <optional>
#include <string>

#include "harness/engine/run_observer.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

struct RunOptions {
  std::string out_dir;                              // run directory: target logs go here
  std::string targets_dir;                          // value of ${FAULTLINE_TARGETS}
  bool allow_remote = false;                        // --allow-remote
  std::optional<scenario::Duration> duration;       // --duration: replaces the scenario's
};

// Throws scenario::ScenarioError or UsageError (exit 2) and EnvironmentError (exit 3) for
// problems found before load starts; after that, everything becomes part of the result.
result::RunResult run_scenario(const scenario::Scenario& scenario, const RunOptions& options, RunObserver& observer);

// The scenario as it will run with `duration` instead of its own: generator windows are cut
// at the new end, generators that would start after it are removed.
scenario::Scenario with_duration(scenario::Scenario scenario, scenario::Duration duration);

}  // namespace faultline::engine
