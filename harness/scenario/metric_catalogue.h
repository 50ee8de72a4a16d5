// The metric catalogue: every metric an expectation, abort condition or baseline tolerance can
// name ("load.api.p99 < 250ms"), with its unit, the scopes it can be checked in, what a scenario
// needs to produce it, whether it is known per interval and how a baseline compares it. The
// scenario parser checks each name against it, so a misspelt or unproducible metric is a
// scenario error (exit 2), never a check that silently matches nothing (k6 #1526).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/expectation_parser.h"
#include "harness/scenario/parse_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

enum class MetricUnit {
  milliseconds,  // latencies; thresholds are durations ("250ms")
  seconds,       // time-to-recover; thresholds are durations ("5s")
  bytes,         // RSS; thresholds are sizes ("64MiB")
  per_second,    // throughput; thresholds are plain numbers (requests per second)
  fraction,      // rates; thresholds are percentages ("1%")
  count,         // threads, fds, races, ...; thresholds are plain numbers
};

// "ms", "s", "bytes", "req/s", "%", "count".
std::string_view unit_name(MetricUnit unit);

enum class MetricId {
  load_p50, load_p90, load_p99, load_p999, load_max,
  load_error_rate, load_throughput, load_requests, load_errors,
  connects, connect_failures, connect_failure_rate, disconnects, connected,
  connect_p50, connect_p99, round_trip_p50, round_trip_p99, delivery_p50, delivery_p99,
  reconnect_time_p50, reconnect_time_p99, reconnect_time_max,
  time_to_recover, availability,
  threads_leaked, fds_leaked, rss_leaked, goroutines_leaked,
  threads_peak, fds_peak, rss_peak,
  data_races, log_reports, oom_kills, crashes, restarts,
};

// What a scenario must have for a metric to be measured at all.
enum class MetricNeeds {
  load_generator,    // the HTTP generator the name holds (load.<generator>.*)
  connection_generator,  // the connection-level generator (tcp, websocket, sse) the name holds
  fault,             // at least one fault to recover from
  target_process,    // a process to sample: a spawned target, or target.pid in attach mode
  prometheus,        // observe.prometheus (go_goroutines is scraped), and a process to sample
  target_output,     // the target's stdout/stderr: a spawned target with observe.logs true
  spawned_target,    // exits, restarts and OOM kills are seen only for a target faultline started
};

// When a metric has a value: abort conditions, checked while the run goes on, need one per
// series interval.
enum class MetricTiming {
  per_interval,  // one value per observe.interval (that interval's latency, rate or sampled level)
  after_run,     // known only from the whole run's analysis (leaks, recovery, reports, exits)
};

// How a baseline comparison judges a metric (DESIGN.md, "Baseline comparison").
enum class MetricComparison {
  noisy,  // samples compared by median and U test, within a tolerance ("baseline.tolerance")
  exact,  // compared as they are; takes no tolerance
};

struct MetricDefinition {
  MetricId id;
  std::string_view name;         // "load.<generator>.p99": <generator> stands for a generator's name
  MetricUnit unit;
  std::string_view description;  // one line
  unsigned scopes;               // bits: 1 << Scope::Kind
  MetricNeeds needs;
  MetricTiming timing;
  MetricComparison comparison;
};

bool supports(const MetricDefinition& metric, Scope::Kind scope);

// Every metric, in the order `faultline metrics` lists them.
const std::vector<MetricDefinition>& metric_catalogue();

// A metric name read against the catalogue: which metric, and for load metrics which
// generator (not checked against any scenario).
struct MetricRef {
  const MetricDefinition* definition = nullptr;
  std::string generator;  // load metrics only
};
std::optional<MetricRef> resolve_metric(std::string_view name);

// Whether `scenario` can produce `metric`; `reason` says why not.
struct Availability {
  bool available = true;
  std::string reason;
};
Availability availability(const MetricDefinition& metric, const Scenario& scenario);
// Whether the generator a load metric names can produce it (a WebSocket generator without
// messages has no round trip, an HTTP generator no connect latency); `reason` says why not.
// Every other metric is available here.
Availability generator_availability(const MetricDefinition& metric, const Scenario& scenario,
                                    const std::string& generator);
// Both of the above, for a metric name already resolved against the scenario.
Availability availability(const MetricRef& metric, const Scenario& scenario);

// The concrete names a scenario can produce (load.<generator>.* once per generator), and the
// ones it cannot with the reason.
struct ConcreteMetric {
  std::string name;
  const MetricDefinition* definition = nullptr;
  Availability availability;
};
std::vector<ConcreteMetric> concrete_metrics(const Scenario& scenario);
// Their names alone, produced or not: the candidates for "did you mean".
std::vector<std::string> concrete_metric_names(const Scenario& scenario);
// The names `scenario` produces of the metrics `wanted` accepts, in catalogue order.
std::vector<std::string> produced_metric_names(const Scenario& scenario,
                                               const std::function<bool(const MetricDefinition&)>& wanted);

// `name` read against the catalogue and `scenario`: the metric, or what is wrong with the name:
// no such metric (with the closest of `candidates` when it looks like a typo), or a load metric
// of a generator the scenario does not have. Whether the scenario can produce it is
// availability()'s question.
ParseResult<MetricRef> lookup_metric(std::string_view name, const Scenario& scenario,
                                     const std::vector<std::string>& candidates);

// Metric names written compactly for messages, grouped by what precedes their last dot, groups
// in order of first appearance: "load.api.{p50,p99}, recovery.time_to_recover".
std::string grouped_names(const std::vector<std::string>& names);

// Up to `limit` of `candidates` closest to `word` that are plausible typos of it, closest first.
std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// What makes `expectation` uncheckable in `scenario`: an unknown metric (with the closest real
// names), a generator or fault the scenario lacks, a metric the scenario cannot produce, a scope
// the metric does not support, a threshold in the wrong unit. Empty when it can be checked.
std::optional<std::string> check_expectation(const Expectation& expectation, const Scenario& scenario);

// What is wrong when `threshold` is not written in `unit`, as a message about `metric` (its
// name as written): "load.api.p99 is a latency: compare it with a duration like ...".
std::optional<std::string> threshold_unit_problem(std::string_view metric, MetricUnit unit,
                                                  const Threshold& threshold);

// The threshold in the metric's unit ("250ms" is 250 for milliseconds, 0.25 for seconds).
double threshold_in_unit(const Threshold& threshold, MetricUnit unit);

}  // namespace faultline::scenario
