// What each kind of fault does in a run: toxics on the fault proxies, signals to the target's
// process group, tighter limits, and hog processes beside the target.
#pragma once

#include <filesystem>
#include <map>

#include "harness/engine/fault_runner.h"
#include "harness/engine/network_faults.h"
#include "harness/engine/target_limits.h"
#include "harness/engine/target_supervisor.h"
#include "harness/fault/hog_process.h"

namespace faultline::engine {

class RunFaults : public FaultExecutor {
 public:
  // `network` may be null when the scenario has no proxy (then it has no network fault). Hogs
  // run as `hog_executable hog ...` (faultline itself); a hog without "for" lasts until
  // `run_length`.
  RunFaults(NetworkFaults* network, TargetSupervisor& target, TargetLimits& limits,
            std::filesystem::path hog_executable, scenario::Duration run_length);

  void start(std::size_t index, const scenario::Fault& fault) override;
  std::string end(std::size_t index, const scenario::Fault& fault) override;

 private:
  NetworkFaults* network_;
  TargetSupervisor& target_;
  TargetLimits& limits_;
  std::filesystem::path hog_executable_;
  scenario::Duration run_length_;
  std::map<std::size_t, fault::HogProcess> hogs_;  // by fault, while in force
};

}  // namespace faultline::engine
