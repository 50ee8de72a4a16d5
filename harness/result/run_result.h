// Everything one run produced, before it is written as result.json (format: DESIGN.md,
// "The result file").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/observe/log_report.h"
#include "harness/result/comparable_metric.h"
#include "harness/result/comparison_record.h"
#include "harness/result/connection_summary.h"
#include "harness/result/load_summary.h"
#include "harness/scenario/scenario.h"

namespace faultline::result {

// Something that happened to the target during the run.
struct TargetEvent {
  double t_s = 0;                  // from the run's start
  // "exit" (it ended during the run), "restart" (faultline started it again), "ready" (a
  // restarted target answers again), "not_ready" (it did not within ready.timeout), "oom_kill"
  // (the kernel killed it at its memory limit), "stopped" (by faultline at the end).
  std::string kind;
  std::optional<int> exit_code;    // for kind "exit": a normal exit
  std::optional<std::string> signal;  // for kind "exit": killed by this signal ("SIGKILL")
  std::optional<std::size_t> fault;   // the fault (index) that caused it, when one did
  bool oom_killed = false;            // for "exit": the kernel's OOM killer ended it
  std::optional<double> ready_after_s;          // for "ready": from the restart
  std::optional<std::uint64_t> memory_bytes;    // for "oom_kill": the level before it
  std::string detail;
};

// How the target's limits were applied (see engine/target_limits.h).
struct LimitsInfo {
  std::string mechanism;                     // "cgroup-v2", "cgroup-v1", "rlimit"; empty: none
  std::string cgroup;                        // the child cgroup, when one was used
  std::optional<std::uint64_t> memory_bytes; // target.limits, from the start
  std::optional<double> cpu_cores;
  std::optional<std::uint64_t> open_files;
};

struct TargetInfo {
  std::string mode;                // "spawned" or "attached"
  std::string address;             // host:port the load went to
  std::optional<int> pid;
  std::optional<double> ready_after_s;  // spawned: time from spawn to ready
  LimitsInfo limits;
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

// The target's resources at one instant of the run (its whole process tree).
struct TargetPoint {
  double t_s = 0;
  std::uint64_t processes = 0;   // 0: no process ran at that instant (between a crash and a restart)
  std::uint64_t threads = 0;
  std::uint64_t fds = 0;
  std::uint64_t rss_bytes = 0;
  std::optional<double> cpu_percent;            // since the previous point; 100 = one core
  std::uint64_t context_switches = 0;           // voluntary + involuntary, since the previous point
  std::optional<std::uint64_t> cgroup_memory_bytes;  // the child cgroup's usage, when there is one
  std::optional<double> goroutines;             // go_goroutines, when the target exposes it
};

// A scraped Prometheus series: its value at each scrape.
struct MetricPoint {
  double t_s = 0;
  double value = 0;
};

// What the log scanner found in the target's output.
struct LogFindings {
  std::vector<observe::LogReport> reports;  // distinct reports, in order of first appearance
  std::uint64_t total = 0;                  // every report, duplicates included
  std::uint64_t dropped = 0;                // distinct reports beyond the bound, counted only
};

// Recovery after one fault (DESIGN.md, "Recovered"), the worst of its load generators.
struct RecoveryRecord {
  std::size_t fault = 0;
  std::string status;                       // "recovered", "never" or "unknown"
  std::optional<double> time_to_recover_s;  // from the fault's end
  std::optional<double> recovered_at_s;
  std::optional<double> worst_error_rate;   // fraction, during the fault
  std::optional<double> worst_p99_ms;
  std::optional<double> availability;       // ok / sent during the fault
  std::string explanation;                  // for never and unknown
};

// One resource's leak check (DESIGN.md, "Leaked").
struct LeakRecord {
  std::string resource;           // "threads", "fds", "rss_bytes", "goroutines"
  std::string status;             // "none", "leaked" or "unknown"
  double excess = 0;              // leaked: how far the level stayed above steady state
  std::optional<double> steady;   // the steady-state median
  std::optional<double> tail_min; // the lowest level after recovery + settle
  std::string reason;             // for unknown
};

struct SteadyLoad {
  std::string generator;
  std::optional<double> error_rate;  // medians over the baseline window
  std::optional<double> p99_ms;
  std::optional<double> throughput_rps;
};

// What the run's series and events mean (harness/analysis/run_analysis.h).
struct RunAnalysis {
  double steady_from_s = 0;  // the baseline window
  double steady_to_s = 0;
  double load_end_s = 0;     // when the last load generator stopped, from the run's start
  std::vector<SteadyLoad> steady_load;
  std::vector<RecoveryRecord> recovery;  // one per fault that started
  std::optional<double> leak_check_from_s;
  std::vector<LeakRecord> leaks;
  std::uint64_t races = 0;     // data-race reports (sanitizers, Go's detector, concurrent map writes)
  std::uint64_t oom_kills = 0;
  std::uint64_t crashes = 0;   // exits that neither a fault nor the OOM killer caused
  std::uint64_t restarts = 0;
  std::vector<ComparableMetric> comparable;  // what a baseline comparison reads from this run
};

// One of the scenario's expectations, checked against the run (harness/analysis/expectations.h).
struct ExpectationResult {
  std::string text;                  // as written in the scenario
  std::string metric;                // "load.api.p99"
  std::string scope;                 // "during steady", "during fault 1", "after recovery"; "" for the whole run
  bool passed = false;               // false also when the value could not be observed
  std::optional<double> value;       // observed, in the metric's unit (ms, s, bytes, req/s, fraction, count)
  std::string unit;                  // that unit's name ("ms", "%" for a fraction)
  std::string observed;              // the value with its unit ("3.2ms"); "" when not observed
  // One line: "load.api.p99 during steady = 3.2ms < 250ms (median of 10 intervals in 5.0s..15.0s)",
  // "... = 300ms, expected < 250ms (...)", "...: not observed (fault 2 never started), expected < 5s".
  std::string detail;
};

// The run was stopped early by one of the scenario's abort conditions.
struct AbortRecord {
  std::string condition;  // as written
  double held_from_s = 0; // the condition held from here ...
  double at_s = 0;        // ... to here, when the run was stopped (from the run's start)
  std::string detail;     // the reason line
};

enum class Verdict { pass, fail, interrupted };
std::string to_string(Verdict verdict);

struct RunResult {
  scenario::Scenario scenario;
  std::string started_at;           // ISO 8601, UTC
  double duration_s = 0;            // as run (shorter when interrupted)
  unsigned cores = 0;
  std::optional<std::string> interrupted;  // the signal that ended the run early
  std::optional<AbortRecord> aborted;      // an abort condition that ended the run early
  double interval_s = 1;
  TargetInfo target;
  std::vector<TargetEvent> target_events;
  std::vector<TargetPoint> target_series;
  std::map<std::string, std::vector<MetricPoint>> metrics;  // by series key: name{labels}
  std::uint64_t scrape_errors = 0;
  std::string last_scrape_error;
  LogFindings logs;
  RunAnalysis analysis;
  std::vector<ExpectationResult> expectations;  // one per scenario.expect, in order
  std::optional<ComparisonRecord> comparison;   // with --baseline: this run (and its repetitions) against it
  std::vector<GeneratorResult> load;                  // HTTP generators
  std::vector<ConnectionGeneratorResult> connections;  // connection-level generators (tcp, websocket, sse)
  std::vector<FaultRecord> faults;
  std::vector<ProxyResult> proxies;
  Verdict verdict = Verdict::pass;
  std::vector<std::string> reasons;  // why the verdict is not pass
};

}  // namespace faultline::result
