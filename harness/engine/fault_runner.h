// Starts and ends every fault of a scenario on time, whatever its kind, and records when each
// was really in force. What a start or an end does is the executor's business (the proxies for
// network faults, the target's process and limits, hog processes).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/engine/fault_timeline.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class FaultExecutor {
 public:
  virtual ~FaultExecutor() = default;
  // Puts fault number `index` in force; throws std::exception with the reason when it cannot.
  virtual void start(std::size_t index, const scenario::Fault& fault) = 0;
  // Takes it out of force; returns why that failed, or "".
  virtual std::string end(std::size_t index, const scenario::Fault& fault) = 0;
};

// "latency", "kill", "memory_limit", ... (the scenario's "kind").
std::string fault_kind(const scenario::Fault& fault);
// The fault in the command-line form of faultline proxy --toxic: "latency:latency=100ms,jitter=10ms",
// "kill:signal=SIGKILL", "memory_limit:memory=128MiB", "pause".
std::string fault_spec(const scenario::Fault& fault);

class FaultRunner {
 public:
  using Duration = scenario::Duration;

  FaultRunner(const scenario::Scenario& scenario, FaultExecutor& executor);

  // Starts and ends the faults due at `now` (an offset from the run's start).
  void apply_due(Duration now);
  std::optional<Duration> next_due() const { return timeline_.next_due(); }

  // Ends every fault still in force (at the end of the run, or when it is cut short).
  void finish(Duration now);

  const std::vector<result::FaultRecord>& records() const { return records_; }

 private:
  std::vector<scenario::Fault> faults_;
  FaultExecutor& executor_;
  FaultTimeline timeline_;
  std::vector<bool> in_force_;
  std::vector<result::FaultRecord> records_;
};

}  // namespace faultline::engine
