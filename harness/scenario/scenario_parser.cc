#include "harness/scenario/scenario_parser.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/scenario/abort_parser.h"
#include "harness/scenario/baseline_parser.h"
#include "harness/scenario/expect_parser.h"
#include "harness/scenario/fault_parser.h"
#include "harness/scenario/http_syntax.h"
#include "harness/scenario/identifiers.h"
#include "harness/scenario/json_document.h"
#include "harness/scenario/json_reader.h"
#include "harness/scenario/load_parser.h"
#include "harness/scenario/network_parser.h"
#include "harness/scenario/target_parser.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

// "$schema" lets an editor find scenarios/schema.json from the file itself; it is not used.
const std::vector<std::string_view> kScenarioKeys{"$schema", "name",    "description", "duration", "allow_remote",
                                                  "phases",  "observe", "target",      "load",     "proxies",
                                                  "faults",  "expect",  "abort",       "baseline", "seed"};
const std::vector<std::string_view> kPhasesKeys{"warmup", "baseline_window", "settle", "recovery_window"};
const std::vector<std::string_view> kObserveKeys{"interval", "prometheus", "logs"};
const std::vector<std::string_view> kPrometheusKeys{"path", "metrics"};

Phases read_phases(const ObjectReader& scenario, std::optional<Duration> run_duration) {
  const ObjectReader phases = scenario.object("phases", Presence::optional, kPhasesKeys);
  Phases result;
  if (const auto warmup = phases.duration("warmup", Presence::optional, ZeroDuration::allowed)) {
    result.warmup = *warmup;
    if (run_duration && *warmup >= *run_duration) {
      phases.report("warmup", "expected a warm-up shorter than the run (" +
                                  format_duration(*run_duration) + "), got " +
                                  describe_json_value(*phases.find("warmup")));
    }
  }
  result.baseline_window =
      phases.duration("baseline_window", Presence::optional, ZeroDuration::rejected).value_or(result.baseline_window);
  result.settle = phases.duration("settle", Presence::optional, ZeroDuration::allowed).value_or(result.settle);
  result.recovery_window =
      phases.duration("recovery_window", Presence::optional, ZeroDuration::rejected).value_or(result.recovery_window);
  return result;
}

// "prometheus": "/metrics", or {"path": "/metrics", "metrics": ["kvstore_cache_bytes"]}.
void read_prometheus(const ObjectReader& observe, Observe& result) {
  const nlohmann::json* value = observe.find("prometheus");
  if (value == nullptr) return;
  const auto check_path = [&](const ObjectReader& reader, std::string_view key, const std::string& path) {
    if (!is_http_origin_path(path)) {
      reader.report(key, "expected a path starting with '/' (visible ASCII only), got " + describe_json_value(*reader.find(key)));
    }
  };
  if (value->is_string()) {
    result.prometheus_path = value->get<std::string>();
    check_path(observe, "prometheus", result.prometheus_path);
    return;
  }
  const ObjectReader prometheus = observe.object("prometheus", Presence::optional, kPrometheusKeys);
  if (const auto path = prometheus.string("path", Presence::required)) {
    result.prometheus_path = *path;
    check_path(prometheus, "path", *path);
  }
  if (const auto metrics = prometheus.non_empty_array("metrics", Presence::optional)) {
    for (const LocatedValue& metric : *metrics) {
      if (!metric.value->is_string() || !is_metric_name(metric.value->get<std::string>())) {
        prometheus.issues().add(metric.path, "expected a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got " +
                                                 describe_json_value(*metric.value));
        continue;
      }
      result.metrics.push_back(metric.value->get<std::string>());
    }
  }
}

Observe read_observe(const ObjectReader& scenario, std::optional<Duration> run_duration) {
  const ObjectReader observe = scenario.object("observe", Presence::optional, kObserveKeys);
  Observe result;
  if (const auto interval =
          observe.duration("interval", Presence::optional, ZeroDuration::rejected)) {
    result.interval = *interval;
    if (run_duration && *interval > *run_duration) {
      observe.report("interval", "expected a duration <= the run's duration (" +
                                     format_duration(*run_duration) + "), got " +
                                     describe_json_value(*observe.find("interval")));
    }
  }
  read_prometheus(observe, result);
  result.scan_logs = observe.boolean("logs", Presence::optional).value_or(result.scan_logs);
  return result;
}

Scenario read_scenario(const nlohmann::json& document, IssueCollector& issues) {
  const ObjectReader root(&document, "", issues, kScenarioKeys);
  Scenario scenario;
  if (!root.usable()) return scenario;

  if (auto name = root.string("name", Presence::required)) {
    if (!is_identifier(*name)) {
      root.report("name", "expected a name of letters, digits, '.', '_' and '-', got " +
                              describe_json_value(*name));
    }
    scenario.name = std::move(*name);
  }
  root.string("$schema", Presence::optional);  // checked to be a string, otherwise ignored
  scenario.description = root.string("description", Presence::optional).value_or("");
  const std::optional<Duration> run_duration =
      root.duration("duration", Presence::required, ZeroDuration::rejected);
  scenario.duration = run_duration.value_or(Duration::zero());
  scenario.allow_remote = root.boolean("allow_remote", Presence::optional).value_or(false);
  scenario.phases = read_phases(root, run_duration);
  scenario.observe = read_observe(root, run_duration);
  scenario.target = read_target(root);
  LoadGenerators generators = read_load(root, run_duration);
  scenario.load = std::move(generators.http);
  scenario.connection_load = std::move(generators.connection);
  const std::vector<std::string> fault_paths = read_faults(root, run_duration, scenario);
  read_network(root, fault_paths, scenario);
  read_expect(root, scenario);
  read_abort(root, scenario);
  read_baseline(root, scenario);
  return scenario;
}

}  // namespace

Scenario parse_scenario_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw ScenarioError({ValidationIssue{path, "", "cannot read the file: it is a directory"}});
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    // ifstream gives no reason of its own; errno still holds the one from open().
    const int error = errno;
    throw ScenarioError({ValidationIssue{path, "", std::string("cannot read the file: ") +
                                                       std::strerror(error)}});
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_scenario_text(text.str(), path);
}

Scenario parse_scenario_text(const std::string& text, const std::string& source_name) {
  IssueCollector issues(source_name);
  const std::optional<nlohmann::json> document = read_json_document(text, issues);
  if (!document) issues.throw_if_any();  // a syntax error leaves nothing to validate
  Scenario scenario = read_scenario(*document, issues);
  issues.throw_if_any();
  scenario.source_path = source_name;
  return scenario;
}

}  // namespace faultline::scenario
