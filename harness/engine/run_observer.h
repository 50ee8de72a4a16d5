// Receives what happens during a run as it happens. The live progress line is an observer;
// later the abort guard and fault recorders will be too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/result/connection_summary.h"
#include "harness/result/load_summary.h"
#include "harness/result/run_result.h"

namespace faultline::engine {

// One generator's figures for one completed series interval.
struct GeneratorInterval {
  std::string generator;
  result::LoadSummary summary;  // an HTTP generator's (zero for a connection-level one)
  std::optional<result::ConnectionSummary> connection;  // a connection-level generator's
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // The target is up (spawned and ready, or attached) and load is about to start.
  virtual void on_target_ready(const result::TargetInfo& /*target*/) {}
  // Series interval `t_s` .. `t_s + interval` is complete for every generator.
  virtual void on_interval(double /*t_s*/, const std::vector<GeneratorInterval>& /*generators*/) {}
  virtual void on_target_event(const result::TargetEvent& /*event*/) {}
  // Load has stopped (the run ended or was interrupted); the result is being assembled.
  virtual void on_load_stopped() {}
};

}  // namespace faultline::engine
