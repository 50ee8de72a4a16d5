#include "harness/analysis/comparable_metrics.h"

#include <string>

#include "harness/analysis/metric_value.h"

namespace faultline::analysis {
namespace {

using scenario::Scope;

result::ComparableMetric comparable(const std::string& name, const Scope& scope, const result::RunResult& run) {
  const std::optional<scenario::MetricRef> metric = scenario::resolve_metric(name);
  result::ComparableMetric out;
  out.metric = name;
  out.scope = scenario::to_string(scope);
  if (!metric) {
    out.note = "not in the metric catalogue";
    return out;
  }
  out.unit = std::string(scenario::unit_name(metric->definition->unit));
  out.exact = metric->definition->comparison == scenario::MetricComparison::exact;
  const Observation observation = observe_metric(*metric, scope, run);
  out.value = observation.value;
  if (!observation.value) out.note = observation.how;
  if (!out.exact) out.samples = interval_values(*metric, scope, run);
  return out;
}

}  // namespace

std::vector<result::ComparableMetric> comparable_metrics(const result::RunResult& run) {
  std::vector<result::ComparableMetric> metrics;
  const Scope steady{Scope::Kind::steady, 0};
  for (const result::GeneratorResult& generator : run.load) {
    for (const char* field : {"p50", "p99", "throughput", "error_rate"}) {
      metrics.push_back(comparable("load." + generator.name + "." + field, steady, run));
    }
  }
  for (const result::ConnectionGeneratorResult& generator : run.connections) {
    for (const char* field : {"connect_p99", "connect_failure_rate"}) {
      metrics.push_back(comparable("load." + generator.name + "." + field, steady, run));
    }
  }
  for (std::size_t fault = 0; fault < run.faults.size(); ++fault) {
    if (!run.faults[fault].started_s) continue;
    const Scope during{Scope::Kind::fault, fault};
    metrics.push_back(comparable("recovery.time_to_recover", during, run));
    for (const result::ConnectionGeneratorResult& generator : run.connections) {
      if (generator.kind != "tcp") metrics.push_back(comparable("load." + generator.name + ".reconnect_time_p99", during, run));
    }
  }
  const Scope whole_run{};
  for (const char* name : {"target.threads_leaked", "target.fds_leaked", "target.goroutines_leaked",
                           "target.rss_leaked", "logs.data_races", "target.oom_kills", "target.crashes"}) {
    result::ComparableMetric metric = comparable(name, whole_run, run);
    // Goroutines exist only for targets that expose go_goroutines: not a gap worth a row.
    if (std::string(name) == "target.goroutines_leaked" && !metric.value && metric.note.find("go_goroutines") != std::string::npos) {
      continue;
    }
    metrics.push_back(std::move(metric));
  }
  return metrics;
}

}  // namespace faultline::analysis
