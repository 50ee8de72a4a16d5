// The metric catalogue: every metric an expectation can name ("load.api.p99 < 250ms"), with its
// unit, the scopes it can be checked in and what a scenario needs to produce it. The scenario
// parser checks each expectation against it, so a misspelt or unproducible metric is a
// scenario error (exit 2), never a check that silently matches nothing (k6 #1526).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/expectation_parser.h"
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
  time_to_recover, availability,
  threads_leaked, fds_leaked, rss_leaked, goroutines_leaked,
  threads_peak, fds_peak, rss_peak,
  data_races, log_reports, oom_kills, crashes, restarts,
};

// What a scenario must have for a metric to be measured at all.
enum class MetricNeeds {
  load_generator,    // the generator the name holds (load.<generator>.*)
  fault,             // at least one fault to recover from
  target_process,    // a process to sample: a spawned target, or target.pid in attach mode
  prometheus,        // observe.prometheus (go_goroutines is scraped), and a process to sample
  target_output,     // the target's stdout/stderr: a spawned target with observe.logs true
  spawned_target,    // exits, restarts and OOM kills are seen only for a target faultline started
};

struct MetricDefinition {
  MetricId id;
  std::string_view name;         // "load.<generator>.p99": <generator> stands for a generator's name
  MetricUnit unit;
  std::string_view description;  // one line
  unsigned scopes;               // bits: 1 << Scope::Kind
  MetricNeeds needs;
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

// The concrete names a scenario can produce (load.<generator>.* once per generator), and the
// ones it cannot with the reason.
struct ConcreteMetric {
  std::string name;
  const MetricDefinition* definition = nullptr;
  Availability availability;
};
std::vector<ConcreteMetric> concrete_metrics(const Scenario& scenario);

// Up to `limit` of `candidates` closest to `word` that are plausible typos of it, closest first.
std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// What makes `expectation` uncheckable in `scenario`: an unknown metric (with the closest real
// names), a generator or fault the scenario lacks, a metric the scenario cannot produce, a scope
// the metric does not support, a threshold in the wrong unit. Empty when it can be checked.
std::optional<std::string> check_expectation(const Expectation& expectation, const Scenario& scenario);

// The threshold in the metric's unit ("250ms" is 250 for milliseconds, 0.25 for seconds).
double threshold_in_unit(const Threshold& threshold, MetricUnit unit);

}  // namespace faultline::scenario
