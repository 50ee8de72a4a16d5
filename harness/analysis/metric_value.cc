#include "harness/analysis/metric_value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>

#include "harness/analysis/median.h"
#include "harness/analysis/series.h"

namespace faultline::analysis {
namespace {

using scenario::MetricId;
using scenario::Scope;

std::string at(double t_s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fs", t_s);
  return text;
}

std::string span_text(TimeWindow window) { return at(window.start_s) + ".." + at(window.end_s); }

std::string fault_name(std::size_t index) { return "fault " + std::to_string(index + 1); }

Observation none(std::string why) { return {std::nullopt, std::move(why)}; }

// The stretch of the run a window scope covers, or why there is none.
struct ScopeWindow {
  std::optional<TimeWindow> window;
  std::string problem;
};

const result::RecoveryRecord* recovery_of(const result::RunResult& run, std::size_t index) {
  for (const result::RecoveryRecord& record : run.analysis.recovery) {
    if (record.fault == index) return &record;
  }
  return nullptr;
}

// Why fault `index` has no recovery instant; empty when it has one.
std::string unrecovered(const result::RunResult& run, std::size_t index) {
  if (!run.faults[index].started_s) return fault_name(index) + " never started, so it never recovered";
  const result::RecoveryRecord* record = recovery_of(run, index);
  if (record == nullptr) return fault_name(index) + " has no recovery analysis (no load generator measured it)";
  if (record->status == "recovered" && record->recovered_at_s && record->time_to_recover_s) return "";
  const std::string why = record->explanation.empty() ? "" : " (" + record->explanation + ")";
  if (record->status == "never") return fault_name(index) + " never recovered" + why;
  return fault_name(index) + "'s recovery is unknown" + why;
}

ScopeWindow scope_window(const Scope& scope, const result::RunResult& run) {
  const result::RunAnalysis& a = run.analysis;
  switch (scope.kind) {
    case Scope::Kind::steady:
      if (!(a.steady_to_s > a.steady_from_s)) {
        return {std::nullopt, "the baseline window is empty (the first fault starts before warm-up ends)"};
      }
      return {TimeWindow{a.steady_from_s, a.steady_to_s}, ""};
    case Scope::Kind::fault: {
      if (scope.fault_index >= run.faults.size()) return {std::nullopt, "the run has no " + fault_name(scope.fault_index)};
      const result::FaultRecord& f = run.faults[scope.fault_index];
      if (!f.started_s) {
        return {std::nullopt, fault_name(scope.fault_index) + " never started (the run ended before it was due at " +
                                  at(f.planned_at_s) + ")"};
      }
      return {TimeWindow{*f.started_s, f.ended_s.value_or(run.duration_s)}, ""};
    }
    case Scope::Kind::after_recovery: {
      if (run.faults.empty()) return {std::nullopt, "the run had no fault to recover from"};
      double from_s = 0;
      for (std::size_t i = 0; i < run.faults.size(); ++i) {
        if (std::string why = unrecovered(run, i); !why.empty()) return {std::nullopt, why};
        from_s = std::max(from_s, *recovery_of(run, i)->recovered_at_s);
      }
      if (!(a.load_end_s > from_s)) {
        return {std::nullopt, "the load ended at " + at(a.load_end_s) + ", before the recovery at " + at(from_s)};
      }
      return {TimeWindow{from_s, a.load_end_s}, ""};
    }
    case Scope::Kind::whole_run: break;
  }
  return {std::nullopt, "the whole run is not a window"};
}

// --- load generators ---------------------------------------------------------------------------

enum class Aggregate { median, largest, smallest, sum };

// What an interval (or the summary) must have had for the field to have a value.
enum class Needs {
  nothing,           // throughput and counts: zero is an observation
  response,          // latency: only complete responses have one
  finished_request,  // error rate: failed / (ok + failed) needs a request that ended
};

struct LoadField {
  Aggregate aggregate;
  Needs needs;
  std::function<double(const result::LoadSummary&)> value;
};

LoadField load_field(MetricId id) {
  using S = result::LoadSummary;
  switch (id) {
    case MetricId::load_p50: return {Aggregate::median, Needs::response, [](const S& s) { return s.latency.p50_ms; }};
    case MetricId::load_p90: return {Aggregate::median, Needs::response, [](const S& s) { return s.latency.p90_ms; }};
    case MetricId::load_p99: return {Aggregate::median, Needs::response, [](const S& s) { return s.latency.p99_ms; }};
    case MetricId::load_p999: return {Aggregate::median, Needs::response, [](const S& s) { return s.latency.p999_ms; }};
    case MetricId::load_max: return {Aggregate::largest, Needs::response, [](const S& s) { return s.latency.max_ms; }};
    case MetricId::load_error_rate:
      return {Aggregate::median, Needs::finished_request, [](const S& s) { return s.error_rate; }};
    case MetricId::load_throughput:
      return {Aggregate::median, Needs::nothing, [](const S& s) { return s.throughput_rps; }};
    case MetricId::load_requests:
      return {Aggregate::sum, Needs::nothing, [](const S& s) { return static_cast<double>(s.responses); }};
    default:
      return {Aggregate::sum, Needs::nothing, [](const S& s) { return static_cast<double>(s.counts.error_total()); }};
  }
}

bool has_value(const LoadField& field, const result::LoadSummary& s) {
  switch (field.needs) {
    case Needs::nothing: return true;
    case Needs::response: return s.responses > 0;
    case Needs::finished_request: return s.counts.ok + s.counts.error_total() > 0;
  }
  return false;
}

std::string needed(Needs needs) {
  return needs == Needs::response ? "a response" : needs == Needs::finished_request ? "a finished request" : "load";
}

// A connection-level generator's field: its aggregate over a window and its value in one
// interval's (or the whole run's) figures, empty when they lack what it needs.
struct ConnectionField {
  Aggregate aggregate;
  std::string needs;  // what an interval must have had for a value ("connect"); empty: nothing
  std::function<std::optional<double>(const result::ConnectionSummary&)> value;
};

ConnectionField connection_field(MetricId id) {
  using S = result::ConnectionSummary;
  using V = std::optional<double>;
  const auto count = [](std::uint64_t n) { return V(static_cast<double>(n)); };
  const auto if_any = [](std::uint64_t samples, double value) { return samples > 0 ? V(value) : std::nullopt; };
  switch (id) {
    case MetricId::connects: return {Aggregate::sum, "", [=](const S& s) { return count(s.counts.connects); }};
    case MetricId::connect_failures:
      return {Aggregate::sum, "", [=](const S& s) { return count(s.counts.connect_failure_total()); }};
    case MetricId::connect_failure_rate:
      return {Aggregate::median, "connect attempt",
              [=](const S& s) { return if_any(s.counts.connect_attempts, s.connect_failure_rate); }};
    case MetricId::disconnects:
      return {Aggregate::sum, "", [=](const S& s) { return count(s.counts.disconnect_total()); }};
    case MetricId::connected: return {Aggregate::smallest, "", [=](const S& s) { return count(s.connected); }};
    case MetricId::connect_p50:
      return {Aggregate::median, "connect", [=](const S& s) { return if_any(s.counts.connects, s.connect_latency.p50_ms); }};
    case MetricId::connect_p99:
      return {Aggregate::median, "connect", [=](const S& s) { return if_any(s.counts.connects, s.connect_latency.p99_ms); }};
    case MetricId::round_trip_p50:
      return {Aggregate::median, "round trip", [=](const S& s) { return if_any(s.round_trips, s.round_trip.p50_ms); }};
    case MetricId::round_trip_p99:
      return {Aggregate::median, "round trip", [=](const S& s) { return if_any(s.round_trips, s.round_trip.p99_ms); }};
    case MetricId::delivery_p50:
      return {Aggregate::median, "timed push", [=](const S& s) { return if_any(s.deliveries, s.delivery.p50_ms); }};
    case MetricId::delivery_p99:
      return {Aggregate::median, "timed push", [=](const S& s) { return if_any(s.deliveries, s.delivery.p99_ms); }};
    default: return {Aggregate::median, "connection metric", [](const S&) { return V(); }};  // not one of them
  }
}

bool is_connection_metric(const scenario::MetricRef& metric) {
  return metric.definition->needs == scenario::MetricNeeds::connection_generator;
}

const result::ConnectionGeneratorResult* connection_generator_named(const result::RunResult& run,
                                                                    const std::string& name) {
  const auto generator = std::find_if(run.connections.begin(), run.connections.end(),
                                      [&](const result::ConnectionGeneratorResult& g) { return g.name == name; });
  return generator == run.connections.end() ? nullptr : &*generator;
}

const result::GeneratorResult* generator_named(const result::RunResult& run, const std::string& name) {
  const auto generator = std::find_if(run.load.begin(), run.load.end(),
                                      [&](const result::GeneratorResult& g) { return g.name == name; });
  return generator == run.load.end() ? nullptr : &*generator;
}

// The per-interval values of a load metric in a window scope, or why there are none.
struct WindowValues {
  std::vector<double> values;
  std::string window;   // "5.0s..15.0s"
  std::string problem;  // set when values is empty
};

// A generator's series of one field: `value` of each point (t_s and its figures), empty where
// the interval had nothing to measure it by.
template <class Point, class Value>
Series field_series(const std::vector<Point>& points, double interval_s, const Value& value) {
  Series series{interval_s, {}};
  for (const Point& point : points) {
    const auto index = static_cast<std::size_t>(std::llround(point.t_s / interval_s));
    if (series.values.size() <= index) series.values.resize(index + 1);
    series.values[index] = value(point.summary);
  }
  return series;
}

WindowValues window_values(const Series& series, const Scope& scope, const result::RunResult& run,
                           const std::string& needed_text) {
  const ScopeWindow where = scope_window(scope, run);
  if (!where.window) return {{}, "", where.problem};
  IndexRange range = intervals_in(series, *where.window);
  // A fault shorter than half an interval holds no midpoint: use the intervals it touched.
  if (range.empty() && scope.kind == Scope::Kind::fault) range = intervals_touching(series, *where.window);
  WindowValues result{present_values(series, range), span_text(*where.window), ""};
  if (result.values.empty()) result.problem = "no interval in " + result.window + " had " + needed_text;
  return result;
}

WindowValues load_window_values(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  if (is_connection_metric(metric)) {
    const result::ConnectionGeneratorResult* generator = connection_generator_named(run, metric.generator);
    if (generator == nullptr) return {{}, "", "the run has no connection generator \"" + metric.generator + "\""};
    const ConnectionField field = connection_field(metric.definition->id);
    return window_values(field_series(generator->series, run.interval_s, field.value), scope, run,
                         field.needs.empty() ? "load" : "a " + field.needs);
  }
  const result::GeneratorResult* generator = generator_named(run, metric.generator);
  if (generator == nullptr) return {{}, "", "the run has no load generator \"" + metric.generator + "\""};
  const LoadField field = load_field(metric.definition->id);
  const auto value = [&](const result::LoadSummary& s) {
    return has_value(field, s) ? std::optional(field.value(s)) : std::nullopt;
  };
  return window_values(field_series(generator->series, run.interval_s, value), scope, run, needed(field.needs));
}

// The whole run's value of a load metric (the generator's summary after warm-up).
Observation whole_run_value(const scenario::MetricRef& metric, const result::RunResult& run) {
  if (is_connection_metric(metric)) {
    const result::ConnectionGeneratorResult* generator = connection_generator_named(run, metric.generator);
    if (generator == nullptr) return none("the run has no connection generator \"" + metric.generator + "\"");
    if (!(generator->summary.span_s > 0)) return none("the generator measured nothing after warm-up");
    const ConnectionField field = connection_field(metric.definition->id);
    const std::optional<double> value = field.value(generator->summary);
    if (!value) return none("not one " + field.needs + " after warm-up");
    return {value, "over the run after warm-up"};
  }
  const result::GeneratorResult* generator = generator_named(run, metric.generator);
  if (generator == nullptr) return none("the run has no load generator \"" + metric.generator + "\"");
  const LoadField field = load_field(metric.definition->id);
  const result::LoadSummary& s = generator->summary;
  if (!(s.span_s > 0)) return none("the generator measured nothing after warm-up");
  if (!has_value(field, s)) return none("not one " + needed(field.needs).substr(2) + " after warm-up");
  return {field.value(s), "over the run after warm-up"};
}

Observation load_value(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  if (scope.kind == Scope::Kind::whole_run) return whole_run_value(metric, run);
  const Aggregate aggregate = is_connection_metric(metric) ? connection_field(metric.definition->id).aggregate
                                                           : load_field(metric.definition->id).aggregate;
  const WindowValues window = load_window_values(metric, scope, run);
  const std::vector<double>& values = window.values;
  if (values.empty()) return none(window.problem);
  const std::string of = " of " + std::to_string(values.size()) +
                         (values.size() == 1 ? " interval in " : " intervals in ") + window.window;
  switch (aggregate) {
    case Aggregate::median: return {median(values), "median" + of};
    case Aggregate::largest: return {*std::max_element(values.begin(), values.end()), "largest" + of};
    case Aggregate::smallest: return {*std::min_element(values.begin(), values.end()), "smallest" + of};
    case Aggregate::sum: return {std::accumulate(values.begin(), values.end(), 0.0), "sum" + of};
  }
  return none("unknown aggregate");
}

// --- recovery ----------------------------------------------------------------------------------

Observation recovery_value(MetricId id, const Scope& scope, const result::RunResult& run) {
  std::vector<std::size_t> faults;
  if (scope.kind == Scope::Kind::fault) {
    if (scope.fault_index >= run.faults.size()) return none("the run has no " + fault_name(scope.fault_index));
    faults.push_back(scope.fault_index);
  } else {
    for (std::size_t i = 0; i < run.faults.size(); ++i) faults.push_back(i);
  }
  if (faults.empty()) return none("the run had no faults");
  std::optional<double> worst;
  std::size_t worst_fault = 0;
  for (const std::size_t i : faults) {
    double value = 0;
    if (id == MetricId::time_to_recover) {
      if (std::string why = unrecovered(run, i); !why.empty()) return none(why);
      value = *recovery_of(run, i)->time_to_recover_s;
    } else {
      if (!run.faults[i].started_s) return none(fault_name(i) + " never started");
      const result::RecoveryRecord* record = recovery_of(run, i);
      if (record == nullptr || !record->availability) return none("nothing was sent during " + fault_name(i));
      value = *record->availability;
    }
    // The worst: the longest time-to-recover, the lowest availability.
    if (!worst || (id == MetricId::time_to_recover ? value > *worst : value < *worst)) {
      worst = value;
      worst_fault = i;
    }
  }
  if (faults.size() == 1) return {worst, fault_name(worst_fault)};
  return {worst, "the worst of " + std::to_string(faults.size()) + " faults: " + fault_name(worst_fault)};
}

// --- reconnects --------------------------------------------------------------------------------

Observation reconnect_value(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  const result::ConnectionGeneratorResult* generator = connection_generator_named(run, metric.generator);
  if (generator == nullptr) return none("the run has no connection generator \"" + metric.generator + "\"");
  const MetricId id = metric.definition->id;
  const char* rank = id == MetricId::reconnect_time_p50 ? "p50" : id == MetricId::reconnect_time_p99 ? "p99" : "max";
  std::optional<double> worst;
  std::string worst_how;
  std::size_t judged = 0;
  for (const result::ReconnectRecord& record : generator->reconnects) {
    if (scope.kind == Scope::Kind::fault && record.fault != scope.fault_index) continue;
    if (record.clients == 0) continue;  // nobody lost a connection during this fault
    ++judged;
    const std::optional<double>& time =
        id == MetricId::reconnect_time_p50 ? record.p50_s : id == MetricId::reconnect_time_p99 ? record.p99_s : record.max_s;
    const std::string clients = std::to_string(record.reconnected) + " of " + std::to_string(record.clients) +
                                " clients that lost their connection during " + fault_name(record.fault) +
                                " came back";
    if (!time) return none("never: " + clients + ", too few for the " + rank);
    if (!worst || *time > *worst) {
      worst = time;
      worst_how = clients;
    }
  }
  if (judged == 0) {
    return none(scope.kind == Scope::Kind::fault ? "no client lost its connection during " + fault_name(scope.fault_index)
                                                 : std::string("no client lost its connection during a fault"));
  }
  return {worst, judged == 1 ? worst_how : "the worst of " + std::to_string(judged) + " faults: " + worst_how};
}

// --- the target --------------------------------------------------------------------------------

Observation leak_value(const char* resource, const result::RunResult& run) {
  const auto leak = std::find_if(run.analysis.leaks.begin(), run.analysis.leaks.end(),
                                 [&](const result::LeakRecord& r) { return r.resource == resource; });
  if (leak == run.analysis.leaks.end()) {
    return none(std::string(resource) == "goroutines" ? "the target exposed no go_goroutines"
                                                      : "the target's process was never sampled");
  }
  if (leak->status == "unknown") return none("the leak check could not decide: " + leak->reason);
  const std::string from = run.analysis.leak_check_from_s ? " from " + at(*run.analysis.leak_check_from_s) : "";
  if (leak->status == "leaked") return {leak->excess, "the leak check" + from + " found a leak"};
  return {0.0, "the leak check" + from + " found the level back within tolerance of steady state"};
}

Observation peak_value(MetricId id, const Scope& scope, const result::RunResult& run) {
  std::optional<TimeWindow> window;
  if (scope.kind != Scope::Kind::whole_run) {
    const ScopeWindow where = scope_window(scope, run);
    if (!where.window) return none(where.problem);
    window = where.window;
  }
  std::optional<double> peak;
  std::size_t samples = 0;
  for (const result::TargetPoint& p : run.target_series) {
    if (p.processes == 0 || (window && (p.t_s < window->start_s || p.t_s >= window->end_s))) continue;
    const double value = id == MetricId::threads_peak ? static_cast<double>(p.threads)
                         : id == MetricId::fds_peak   ? static_cast<double>(p.fds)
                                                      : static_cast<double>(p.rss_bytes);
    peak = std::max(peak.value_or(value), value);
    ++samples;
  }
  const std::string in = window ? " in " + span_text(*window) : "";
  if (!peak) return none("no sample of the target's process" + in);
  return {peak, "largest of " + std::to_string(samples) + (samples == 1 ? " sample" : " samples") + in};
}

}  // namespace

std::optional<double> load_metric_value(scenario::MetricId id, const result::LoadSummary& summary) {
  const LoadField field = load_field(id);
  return has_value(field, summary) ? std::optional(field.value(summary)) : std::nullopt;
}

std::optional<double> connection_metric_value(scenario::MetricId id, const result::ConnectionSummary& summary) {
  return connection_field(id).value(summary);
}

std::vector<double> interval_values(const scenario::MetricRef& metric, const scenario::Scope& scope,
                                    const result::RunResult& run) {
  if (metric.definition == nullptr || metric.generator.empty() || scope.kind == Scope::Kind::whole_run) return {};
  if (metric.definition->timing != scenario::MetricTiming::per_interval) return {};
  return load_window_values(metric, scope, run).values;
}

Observation observe_metric(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  if (metric.definition == nullptr) return none("unknown metric");
  if (!scenario::supports(*metric.definition, scope.kind)) {
    return none(std::string(metric.definition->name) + " cannot be checked " + scenario::to_string(scope));
  }
  const result::RunAnalysis& a = run.analysis;
  const auto count = [](std::uint64_t n, std::string how) { return Observation{static_cast<double>(n), std::move(how)}; };
  switch (metric.definition->id) {
    case MetricId::load_p50:
    case MetricId::load_p90:
    case MetricId::load_p99:
    case MetricId::load_p999:
    case MetricId::load_max:
    case MetricId::load_error_rate:
    case MetricId::load_throughput:
    case MetricId::load_requests:
    case MetricId::load_errors:
    case MetricId::connects:
    case MetricId::connect_failures:
    case MetricId::connect_failure_rate:
    case MetricId::disconnects:
    case MetricId::connected:
    case MetricId::connect_p50:
    case MetricId::connect_p99:
    case MetricId::round_trip_p50:
    case MetricId::round_trip_p99:
    case MetricId::delivery_p50:
    case MetricId::delivery_p99: return load_value(metric, scope, run);
    case MetricId::reconnect_time_p50:
    case MetricId::reconnect_time_p99:
    case MetricId::reconnect_time_max: return reconnect_value(metric, scope, run);
    case MetricId::time_to_recover:
    case MetricId::availability: return recovery_value(metric.definition->id, scope, run);
    case MetricId::threads_leaked: return leak_value("threads", run);
    case MetricId::fds_leaked: return leak_value("fds", run);
    case MetricId::rss_leaked: return leak_value("rss_bytes", run);
    case MetricId::goroutines_leaked: return leak_value("goroutines", run);
    case MetricId::threads_peak:
    case MetricId::fds_peak:
    case MetricId::rss_peak: return peak_value(metric.definition->id, scope, run);
    case MetricId::data_races: return count(a.races, "data-race reports in the target's output");
    case MetricId::log_reports: return count(run.logs.total, "reports in the target's output");
    case MetricId::oom_kills: return count(a.oom_kills, "OOM kills");
    case MetricId::crashes: return count(a.crashes, "exits no fault caused");
    case MetricId::restarts: return count(a.restarts, "restarts");
  }
  return none("unknown metric");
}

}  // namespace faultline::analysis
