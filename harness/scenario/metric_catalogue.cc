#include "harness/scenario/parse_result.h"
#include "harness/scenario/metric_catalogue.h"

#include <algorithm>
#include <utility>

#include "harness/scenario/did_you_mean.h"

namespace faultline::scenario {
namespace {

constexpr unsigned bit(Scope::Kind kind) { return 1u << static_cast<unsigned>(kind); }
constexpr unsigned kWholeRun = bit(Scope::Kind::whole_run);
constexpr unsigned kEveryScope =
    kWholeRun | bit(Scope::Kind::steady) | bit(Scope::Kind::fault) | bit(Scope::Kind::after_recovery);
constexpr unsigned kRunOrFault = kWholeRun | bit(Scope::Kind::fault);

constexpr MetricTiming kPerInterval = MetricTiming::per_interval;
constexpr MetricTiming kAfterRun = MetricTiming::after_run;
constexpr MetricComparison kNoisy = MetricComparison::noisy;
constexpr MetricComparison kExact = MetricComparison::exact;

constexpr std::string_view kLoadPrefix = "load.";
constexpr std::string_view kGeneratorPlaceholder = "<generator>";

// Latency, rate and throughput over a window are the median of its per-interval values; counts
// are summed; max is the largest (see harness/analysis/metric_value.h).
const std::vector<MetricDefinition> kCatalogue{
    {MetricId::load_p50, "load.<generator>.p50", MetricUnit::milliseconds, "median latency", kEveryScope,
     MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_p90, "load.<generator>.p90", MetricUnit::milliseconds, "90th percentile latency", kEveryScope,
     MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_p99, "load.<generator>.p99", MetricUnit::milliseconds, "99th percentile latency", kEveryScope,
     MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_p999, "load.<generator>.p999", MetricUnit::milliseconds, "99.9th percentile latency",
     kEveryScope, MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_max, "load.<generator>.max", MetricUnit::milliseconds, "slowest request", kEveryScope,
     MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_error_rate, "load.<generator>.error_rate", MetricUnit::fraction,
     "failed requests / finished requests", kEveryScope, MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_throughput, "load.<generator>.throughput", MetricUnit::per_second, "responses per second",
     kEveryScope, MetricNeeds::load_generator, kPerInterval, kNoisy},
    {MetricId::load_requests, "load.<generator>.requests", MetricUnit::count, "complete responses, any status",
     kEveryScope, MetricNeeds::load_generator, kPerInterval, kExact},
    {MetricId::load_errors, "load.<generator>.errors", MetricUnit::count, "failed requests, every error class",
     kEveryScope, MetricNeeds::load_generator, kPerInterval, kExact},
    {MetricId::connects, "load.<generator>.connects", MetricUnit::count,
     "connections established (WebSocket: handshake done), first connects and reconnects", kEveryScope,
     MetricNeeds::connection_generator, kPerInterval, kExact},
    {MetricId::connect_failures, "load.<generator>.connect_failures", MetricUnit::count,
     "connects that failed, every kind", kEveryScope, MetricNeeds::connection_generator, kPerInterval, kExact},
    {MetricId::connect_failure_rate, "load.<generator>.connect_failure_rate", MetricUnit::fraction,
     "failed connects / connects attempted", kEveryScope, MetricNeeds::connection_generator, kPerInterval, kNoisy},
    {MetricId::disconnects, "load.<generator>.disconnects", MetricUnit::count,
     "established connections the target (or the network) ended", kEveryScope, MetricNeeds::connection_generator,
     kPerInterval, kExact},
    {MetricId::connected, "load.<generator>.connected", MetricUnit::count,
     "connections open at an interval's end (over a window: the lowest)", kEveryScope,
     MetricNeeds::connection_generator, kPerInterval, kExact},
    {MetricId::connect_p50, "load.<generator>.connect_p50", MetricUnit::milliseconds,
     "median connect latency (WebSocket: until the handshake is done)", kEveryScope,
     MetricNeeds::connection_generator, kPerInterval, kNoisy},
    {MetricId::connect_p99, "load.<generator>.connect_p99", MetricUnit::milliseconds,
     "99th percentile connect latency", kEveryScope, MetricNeeds::connection_generator, kPerInterval, kNoisy},
    {MetricId::round_trip_p50, "load.<generator>.round_trip_p50", MetricUnit::milliseconds,
     "WebSocket: median message round trip", kEveryScope, MetricNeeds::connection_generator, kPerInterval, kNoisy},
    {MetricId::round_trip_p99, "load.<generator>.round_trip_p99", MetricUnit::milliseconds,
     "WebSocket: 99th percentile message round trip", kEveryScope, MetricNeeds::connection_generator, kPerInterval,
     kNoisy},
    {MetricId::delivery_p50, "load.<generator>.delivery_p50", MetricUnit::milliseconds,
     "median delivery latency of pushed messages, from their publish time", kEveryScope,
     MetricNeeds::connection_generator, kPerInterval, kNoisy},
    {MetricId::delivery_p99, "load.<generator>.delivery_p99", MetricUnit::milliseconds,
     "99th percentile delivery latency of pushed messages", kEveryScope, MetricNeeds::connection_generator,
     kPerInterval, kNoisy},
    {MetricId::reconnect_time_p50, "load.<generator>.reconnect_time_p50", MetricUnit::seconds,
     "clients that lost their connection during a fault: median time until connected again (the worst fault's)",
     kRunOrFault, MetricNeeds::connection_generator, kAfterRun, kNoisy},
    {MetricId::reconnect_time_p99, "load.<generator>.reconnect_time_p99", MetricUnit::seconds,
     "... 99th percentile (\"never\" when more than 1% did not come back, which fails)", kRunOrFault,
     MetricNeeds::connection_generator, kAfterRun, kNoisy},
    {MetricId::reconnect_time_max, "load.<generator>.reconnect_time_max", MetricUnit::seconds,
     "... the last client's (\"never\" when one did not come back)", kRunOrFault,
     MetricNeeds::connection_generator, kAfterRun, kNoisy},
    {MetricId::time_to_recover, "recovery.time_to_recover", MetricUnit::seconds,
     "from a fault's end until error rate and p99 are back at steady state (the worst fault's; \"never\" fails)",
     kRunOrFault, MetricNeeds::fault, kAfterRun, kNoisy},
    {MetricId::availability, "recovery.availability", MetricUnit::fraction,
     "ok / sent during a fault (the worst fault's)", kRunOrFault, MetricNeeds::fault, kAfterRun, kExact},
    {MetricId::threads_leaked, "target.threads_leaked", MetricUnit::count,
     "threads left above steady state after recovery and settle (0 within tolerance)", kWholeRun,
     MetricNeeds::target_process, kAfterRun, kExact},
    {MetricId::fds_leaked, "target.fds_leaked", MetricUnit::count,
     "open fds left above steady state after recovery and settle (0 within tolerance)", kWholeRun,
     MetricNeeds::target_process, kAfterRun, kExact},
    {MetricId::rss_leaked, "target.rss_leaked", MetricUnit::bytes,
     "RSS left above steady state after recovery and settle (0 within tolerance)", kWholeRun,
     MetricNeeds::target_process, kAfterRun, kExact},
    {MetricId::goroutines_leaked, "target.goroutines_leaked", MetricUnit::count,
     "goroutines (go_goroutines) left above steady state after recovery and settle (0 within tolerance)", kWholeRun,
     MetricNeeds::prometheus, kAfterRun, kExact},
    {MetricId::threads_peak, "target.threads_peak", MetricUnit::count, "most threads at one sample", kEveryScope,
     MetricNeeds::target_process, kPerInterval, kExact},
    {MetricId::fds_peak, "target.fds_peak", MetricUnit::count, "most open fds at one sample", kEveryScope,
     MetricNeeds::target_process, kPerInterval, kExact},
    {MetricId::rss_peak, "target.rss_peak", MetricUnit::bytes, "highest RSS at one sample", kEveryScope,
     MetricNeeds::target_process, kPerInterval, kExact},
    {MetricId::data_races, "logs.data_races", MetricUnit::count,
     "data-race reports (ThreadSanitizer, Go's race detector, concurrent map writes)", kWholeRun,
     MetricNeeds::target_output, kAfterRun, kExact},
    {MetricId::log_reports, "logs.reports", MetricUnit::count,
     "sanitizer and runtime reports of any kind in the target's output", kWholeRun, MetricNeeds::target_output,
     kAfterRun, kExact},
    {MetricId::oom_kills, "target.oom_kills", MetricUnit::count, "times the target was OOM-killed", kWholeRun,
     MetricNeeds::spawned_target, kAfterRun, kExact},
    {MetricId::crashes, "target.crashes", MetricUnit::count, "exits that no fault caused", kWholeRun,
     MetricNeeds::spawned_target, kAfterRun, kExact},
    {MetricId::restarts, "target.restarts", MetricUnit::count, "restarts by the restart policy", kWholeRun,
     MetricNeeds::spawned_target, kAfterRun, kExact},
};


// "a", "a" or "b", "a", "b" or "c".
std::string either(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += in_quotes(words[i]);
  }
  return out;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<std::string> close = closest_names(word, candidates);
  return close.empty() ? "" : "; did you mean " + either(close) + "?";
}

std::string with_generator(std::string_view pattern, std::string_view generator) {
  std::string name(pattern);
  return name.replace(kLoadPrefix.size(), kGeneratorPlaceholder.size(), generator);
}

// "p99" of "load.<generator>.p99".
std::string_view load_field(const MetricDefinition& metric) {
  return metric.name.substr(kLoadPrefix.size() + kGeneratorPlaceholder.size() + 1);
}

bool is_load_metric(const MetricDefinition& metric) {
  return metric.needs == MetricNeeds::load_generator || metric.needs == MetricNeeds::connection_generator;
}

// Generators of every kind, in the order of the file.
std::vector<std::string> generator_names(const Scenario& scenario) {
  std::vector<std::pair<std::size_t, std::string>> positioned;
  for (const HttpLoad& load : scenario.load) positioned.emplace_back(load.position, load.name);
  for (const ConnectionLoad& load : scenario.connection_load) positioned.emplace_back(load.position, load.name);
  std::stable_sort(positioned.begin(), positioned.end());
  std::vector<std::string> names;
  for (auto& [position, name] : positioned) names.push_back(std::move(name));
  return names;
}

const ConnectionLoad* connection_generator(const Scenario& scenario, const std::string& name) {
  for (const ConnectionLoad& load : scenario.connection_load) {
    if (load.name == name) return &load;
  }
  return nullptr;
}

// "a tcp generator", "an sse generator" (the article as the kind is spoken: "an ess-ess-ee").
std::string kind_word(ConnectionLoad::Kind kind) {
  const char* article = "a ";
  switch (kind) {
    case ConnectionLoad::Kind::tcp:
    case ConnectionLoad::Kind::websocket: article = "a "; break;
    case ConnectionLoad::Kind::sse: article = "an "; break;
  }
  return article + std::string(to_string(kind)) + " generator";
}

// What a value in `unit` is, and how a threshold for it is written.
struct UnitWords {
  Threshold::Kind threshold;
  std::string_view what;
  std::string_view example;
};

UnitWords unit_words(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::milliseconds: return {Threshold::Kind::duration, "a latency", "a duration like \"250ms\""};
    case MetricUnit::seconds: return {Threshold::Kind::duration, "a duration", "a duration like \"5s\""};
    case MetricUnit::bytes: return {Threshold::Kind::size, "a size in bytes", "a size like \"64MiB\""};
    case MetricUnit::per_second:
      return {Threshold::Kind::number, "a rate per second", "a plain number of requests per second like 500"};
    case MetricUnit::fraction: return {Threshold::Kind::fraction, "a fraction", "a percentage like \"1%\""};
    case MetricUnit::count: return {Threshold::Kind::number, "a count", "a plain number like 0"};
  }
  return {Threshold::Kind::number, "a number", "a number"};
}

std::string scope_problem(const Expectation& e, const MetricDefinition& metric, const Scenario& scenario) {
  const std::string scope = in_quotes(to_string(e.scope));
  if (!supports(metric, e.scope.kind)) {
    if (metric.scopes == kWholeRun) {
      return e.metric + " is counted over the whole run and cannot be checked " + scope + "; leave the scope out";
    }
    return e.metric + " cannot be checked " + scope + "; it can be checked over the whole run (no scope) or "
           "\"during fault N\"";
  }
  if (e.scope.kind == Scope::Kind::fault && e.scope.fault_index >= scenario.faults.size()) {
    const std::size_t count = scenario.faults.size();
    return scope + " names no fault: the scenario has " +
           (count == 0 ? std::string("none") : count == 1 ? std::string("one (fault 1)")
                                                          : std::to_string(count) + " (faults 1 to " + std::to_string(count) + ")");
  }
  if (e.scope.kind == Scope::Kind::after_recovery && scenario.faults.empty()) {
    return "\"after recovery\" needs a fault to recover from, and the scenario has no faults";
  }
  return "";
}

}  // namespace

std::string_view unit_name(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::milliseconds: return "ms";
    case MetricUnit::seconds: return "s";
    case MetricUnit::bytes: return "bytes";
    case MetricUnit::per_second: return "req/s";
    case MetricUnit::fraction: return "%";
    case MetricUnit::count: return "count";
  }
  return "";
}

bool supports(const MetricDefinition& metric, Scope::Kind scope) { return (metric.scopes & bit(scope)) != 0; }

const std::vector<MetricDefinition>& metric_catalogue() { return kCatalogue; }

std::optional<MetricRef> resolve_metric(std::string_view name) {
  if (name.starts_with(kLoadPrefix)) {
    // Generator names may hold dots ("load.eu.web.p99"): the field is after the last one.
    const std::size_t last_dot = name.rfind('.');
    if (last_dot <= kLoadPrefix.size()) return std::nullopt;
    const std::string_view generator = name.substr(kLoadPrefix.size(), last_dot - kLoadPrefix.size());
    const std::string_view field = name.substr(last_dot + 1);
    for (const MetricDefinition& metric : kCatalogue) {
      if (is_load_metric(metric) && load_field(metric) == field) {
        return MetricRef{&metric, std::string(generator)};
      }
    }
    return std::nullopt;
  }
  for (const MetricDefinition& metric : kCatalogue) {
    if (!is_load_metric(metric) && metric.name == name) return MetricRef{&metric, ""};
  }
  return std::nullopt;
}

Availability availability(const MetricDefinition& metric, const Scenario& scenario) {
  const bool process = scenario.target.spawned() || scenario.target.pid.has_value();
  switch (metric.needs) {
    case MetricNeeds::load_generator:
    case MetricNeeds::connection_generator: return {};
    case MetricNeeds::fault:
      if (scenario.faults.empty()) return {false, "the scenario has no faults, so there is no recovery to measure"};
      return {};
    case MetricNeeds::target_process:
      if (!process) {
        return {false, "faultline samples the target's process only when it spawns it or is given target.pid"};
      }
      return {};
    case MetricNeeds::prometheus:
      if (scenario.observe.prometheus_path.empty()) {
        return {false, "goroutines are read from the target's Prometheus metrics: set observe.prometheus"};
      }
      if (!process) {
        return {false, "faultline samples the target's process only when it spawns it or is given target.pid"};
      }
      return {};
    case MetricNeeds::target_output:
      if (!scenario.target.spawned()) {
        return {false, "the target's output is scanned only when faultline spawns it (this target is attached)"};
      }
      if (!scenario.observe.scan_logs) return {false, "the target's output is not scanned: observe.logs is false"};
      return {};
    case MetricNeeds::spawned_target:
      if (!scenario.target.spawned()) {
        return {false, "exits, restarts and OOM kills are seen only for a target faultline spawns (this one is attached)"};
      }
      return {};
  }
  return {};
}

Availability generator_availability(const MetricDefinition& metric, const Scenario& scenario,
                                    const std::string& generator) {
  const ConnectionLoad* connection = connection_generator(scenario, generator);
  if (metric.needs == MetricNeeds::load_generator && connection) {
    return {false, generator + " is " + kind_word(connection->kind) +
                       ": it makes connections, not requests (its metrics are load." + generator +
                       ".connects, connect_p99, connected, ...)"};
  }
  if (metric.needs != MetricNeeds::connection_generator) return {};
  if (!connection) return {false, generator + " is an HTTP generator: its connections are counted as requests"};
  const bool websocket = connection->kind == ConnectionLoad::Kind::websocket;
  switch (metric.id) {
    case MetricId::round_trip_p50:
    case MetricId::round_trip_p99:
      if (!websocket || connection->message.empty() || !connection->await_replies) {
        return {false, generator + " times no round trips: that takes a websocket generator with a \"message\" "
                                   "and \"await_replies\" true"};
      }
      return {};
    case MetricId::delivery_p50:
    case MetricId::delivery_p99:
      if (connection->kind == ConnectionLoad::Kind::tcp || (websocket && !connection->push_timestamps)) {
        return {false, generator + " times no deliveries: that takes a websocket generator with \"subscribe\" and "
                                   "\"push_timestamps\" true, or an sse generator"};
      }
      return {};
    case MetricId::reconnect_time_p50:
    case MetricId::reconnect_time_p99:
    case MetricId::reconnect_time_max:
      if (!websocket && connection->kind != ConnectionLoad::Kind::sse) {
        return {false, generator + " is " + kind_word(connection->kind) +
                           ": its connections do not reconnect (websocket and sse clients do)"};
      }
      if (scenario.faults.empty()) return {false, "the scenario has no faults to reconnect after"};
      return {};
    default: return {};
  }
}

Availability availability(const MetricRef& metric, const Scenario& scenario) {
  Availability available = availability(*metric.definition, scenario);
  if (!available.available) return available;
  return generator_availability(*metric.definition, scenario, metric.generator);
}

std::vector<ConcreteMetric> concrete_metrics(const Scenario& scenario) {
  std::vector<ConcreteMetric> out;
  for (const MetricDefinition& metric : kCatalogue) {
    if (!is_load_metric(metric)) {
      out.push_back({std::string(metric.name), &metric, availability(metric, scenario)});
      continue;
    }
    for (const std::string& generator : generator_names(scenario)) {
      // A metric of the other kind of generator is not a candidate at all (it would crowd
      // `faultline metrics` and "did you mean" with names that can never apply).
      const bool http_metric = metric.needs == MetricNeeds::load_generator;
      const bool http_generator = connection_generator(scenario, generator) == nullptr;
      if (http_metric != http_generator) continue;
      out.push_back({with_generator(metric.name, generator), &metric,
                     generator_availability(metric, scenario, generator)});
    }
  }
  return out;
}

std::vector<std::string> concrete_metric_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const ConcreteMetric& metric : concrete_metrics(scenario)) names.push_back(metric.name);
  return names;
}

std::vector<std::string> produced_metric_names(const Scenario& scenario,
                                               const std::function<bool(const MetricDefinition&)>& wanted) {
  std::vector<std::string> names;
  for (const ConcreteMetric& metric : concrete_metrics(scenario)) {
    if (metric.availability.available && wanted(*metric.definition)) names.push_back(metric.name);
  }
  return names;
}

std::string grouped_names(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // prefix, fields
  for (const std::string& name : names) {
    const std::size_t last_dot = name.rfind('.');
    const std::string prefix = name.substr(0, last_dot);
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == prefix; });
    if (group == groups.end()) group = groups.insert(groups.end(), {prefix, {}});
    group->second.push_back(name.substr(last_dot + 1));
  }
  std::string out;
  for (const auto& [prefix, fields] : groups) {
    out += (out.empty() ? "" : ", ") + prefix + ".";
    if (fields.size() == 1) {
      out += fields.front();
      continue;
    }
    out += "{";
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i == 0 ? "" : ",") + fields[i];
    out += "}";
  }
  return out;
}

std::vector<std::string> closest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  // Like did_you_mean(): 1 edit for short words; metric names are long, so 3 beyond 12 characters.
  const std::size_t bound = word.size() <= 4 ? 1 : word.size() <= 12 ? 2 : 3;
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // distance, index
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::size_t distance = edit_distance(word, candidates[i]);
    if (distance <= bound && distance > 0) scored.emplace_back(distance, i);
  }
  std::stable_sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [distance, index] : scored) {
    if (out.size() == limit) break;
    out.push_back(candidates[index]);
  }
  return out;
}

ParseResult<MetricRef> lookup_metric(std::string_view name, const Scenario& scenario,
                                     const std::vector<std::string>& candidates) {
  const std::optional<MetricRef> ref = resolve_metric(name);
  if (!ref) {
    const std::string message = "unknown metric " + in_quotes(name);
    // "load.p99": a real field without its generator.
    const std::string_view field = name.starts_with(kLoadPrefix) ? name.substr(kLoadPrefix.size()) : "";
    if (!field.empty() && field.find('.') == std::string_view::npos && resolve_metric("load.x." + std::string(field))) {
      const std::string generator = scenario.load.empty() ? "api" : scenario.load.front().name;
      return ParseFailure{message + ": load metrics name their generator, like " +
                          in_quotes("load." + generator + "." + std::string(field))};
    }
    return ParseFailure{message + suggestion(name, candidates) +
                        " (\"faultline metrics SCENARIO\" lists the metrics a scenario can produce)"};
  }
  const MetricDefinition& metric = *ref->definition;
  if (is_load_metric(metric)) {
    const std::vector<std::string> generators = generator_names(scenario);
    if (std::find(generators.begin(), generators.end(), ref->generator) == generators.end()) {
      std::vector<std::string> names;
      for (const std::string& generator : generators) names.push_back(with_generator(metric.name, generator));
      return ParseFailure{in_quotes(name) + " names no load generator of this scenario: there is no " +
                          in_quotes(ref->generator) + (generators.size() == 1 ? " (the only one is " : " (they are ") +
                          either(generators) + ")" + suggestion(name, names)};
    }
  }
  return *ref;
}

std::optional<std::string> threshold_unit_problem(std::string_view metric, MetricUnit unit,
                                                  const Threshold& threshold) {
  const UnitWords words = unit_words(unit);
  if (threshold.kind == words.threshold) return std::nullopt;
  return std::string(metric) + " is " + std::string(words.what) + ": compare it with " + std::string(words.example) +
         ", got " + in_quotes(threshold.text);
}

std::optional<std::string> check_expectation(const Expectation& e, const Scenario& scenario) {
  const ParseResult<MetricRef> ref = lookup_metric(e.metric, scenario, concrete_metric_names(scenario));
  if (!ref) return ref.error();
  const MetricDefinition& metric = *ref->definition;
  if (const Availability available = availability(*ref, scenario); !available.available) {
    return "this scenario cannot produce " + e.metric + ": " + available.reason;
  }
  if (std::string problem = scope_problem(e, metric, scenario); !problem.empty()) return problem;
  return threshold_unit_problem(e.metric, metric.unit, e.threshold);
}

double threshold_in_unit(const Threshold& threshold, MetricUnit unit) {
  if (threshold.kind == Threshold::Kind::duration && unit == MetricUnit::milliseconds) return threshold.value * 1000;
  return threshold.value;
}

}  // namespace faultline::scenario
