// Everything one run produced, before it is written as result.json (format: DESIGN.md,
// "The result file").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/result/load_summary.h"
#include "harness/scenario/scenario.h"

namespace faultline::result {

// Something that happened to the target during the run.
struct TargetEvent {
  double t_s = 0;                  // from the run's start
  std::string kind;                // "exit"
  std::optional<int> exit_code;    // for kind "exit": a normal exit
  std::optional<std::string> signal;  // for kind "exit": killed by this signal ("SIGKILL")
  std::string detail;
};

struct TargetInfo {
  std::string mode;                // "spawned" or "attached"
  std::string address;             // host:port the load went to
  std::optional<int> pid;
  std::optional<double> ready_after_s;  // spawned: time from spawn to ready
  std::string stdout_log;          // spawned: captured output, relative to the result's folder
  std::string stderr_log;
};

enum class Verdict { pass, fail, interrupted };
std::string to_string(Verdict verdict);

struct RunResult {
  scenario::Scenario scenario;
  std::string started_at;           // ISO 8601, UTC
  double duration_s = 0;            // as run (shorter when interrupted)
  unsigned cores = 0;
  std::optional<std::string> interrupted;  // the signal that ended the run early
  double interval_s = 1;
  TargetInfo target;
  std::vector<TargetEvent> target_events;
  std::vector<GeneratorResult> load;
  Verdict verdict = Verdict::pass;
  std::vector<std::string> reasons;  // why the verdict is not pass
};

}  // namespace faultline::result
