// Everything one run produced, before it is written as result.json (format: DESIGN.md,
// "The result file").
#pragma once

#include <cstdint>
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

// One fault of the scenario: when it was planned and when it was really in force.
struct FaultRecord {
  std::string kind;                      // the toxic's name ("latency")
  std::string proxy;
  std::string spec;                      // the toxic in its command-line form
  double planned_at_s = 0;
  std::optional<double> planned_for_s;   // unset: until the end of the run
  std::optional<double> started_s;       // unset: the run ended before it was due
  std::optional<double> ended_s;
  std::string error;                     // why it could not be removed cleanly, if it could not
};

// What a fault proxy forwarded in one series interval (counters are per interval, gauges at
// its end).
struct ProxyPoint {
  double t_s = 0;
  std::uint64_t upstream_bytes = 0;        // client -> target
  std::uint64_t downstream_bytes = 0;      // target -> client
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_active = 0;    // gauge
  std::uint64_t upstream_refused = 0;      // the target refused the proxy's connection
  std::uint64_t resets_injected = 0;
  std::uint64_t connections_cut = 0;       // by timeout, limit_data or down
};

struct ProxyResult {
  std::string name;
  std::string listen;    // host:port
  std::string upstream;  // host:port
  ProxyPoint totals;     // over the whole run (t_s unused)
  std::vector<ProxyPoint> series;
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
  std::vector<FaultRecord> faults;
  std::vector<ProxyResult> proxies;
  Verdict verdict = Verdict::pass;
  std::vector<std::string> reasons;  // why the verdict is not pass
};

}  // namespace faultline::result
