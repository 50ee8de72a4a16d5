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

enum class Aggregate { median, largest, sum };

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

WindowValues load_window_values(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  const result::GeneratorResult* generator = generator_named(run, metric.generator);
  if (generator == nullptr) return {{}, "", "the run has no load generator \"" + metric.generator + "\""};
  const LoadField field = load_field(metric.definition->id);
  const ScopeWindow where = scope_window(scope, run);
  if (!where.window) return {{}, "", where.problem};
  Series series{run.interval_s, {}};
  for (const result::SeriesPoint& point : generator->series) {
    const auto index = static_cast<std::size_t>(std::llround(point.t_s / run.interval_s));
    if (series.values.size() <= index) series.values.resize(index + 1);
    if (has_value(field, point.summary)) series.values[index] = field.value(point.summary);
  }
  IndexRange range = intervals_in(series, *where.window);
  // A fault shorter than half an interval holds no midpoint: use the intervals it touched.
  if (range.empty() && scope.kind == Scope::Kind::fault) range = intervals_touching(series, *where.window);
  WindowValues result{present_values(series, range), span_text(*where.window), ""};
  if (result.values.empty()) result.problem = "no interval in " + result.window + " had " + needed(field.needs);
  return result;
}

Observation load_value(const scenario::MetricRef& metric, const Scope& scope, const result::RunResult& run) {
  const LoadField field = load_field(metric.definition->id);
  if (scope.kind == Scope::Kind::whole_run) {
    const result::GeneratorResult* generator = generator_named(run, metric.generator);
    if (generator == nullptr) return none("the run has no load generator \"" + metric.generator + "\"");
    const result::LoadSummary& s = generator->summary;
    if (!(s.span_s > 0)) return none("the generator measured nothing after warm-up");
    if (!has_value(field, s)) return none("not one " + needed(field.needs).substr(2) + " after warm-up");
    return {field.value(s), "over the run after warm-up"};
  }
  const WindowValues window = load_window_values(metric, scope, run);
  const std::vector<double>& values = window.values;
  if (values.empty()) return none(window.problem);
  const std::string of = " of " + std::to_string(values.size()) +
                         (values.size() == 1 ? " interval in " : " intervals in ") + window.window;
  switch (field.aggregate) {
    case Aggregate::median: return {median(values), "median" + of};
    case Aggregate::largest: return {*std::max_element(values.begin(), values.end()), "largest" + of};
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

std::vector<double> interval_values(const scenario::MetricRef& metric, const scenario::Scope& scope,
                                    const result::RunResult& run) {
  if (metric.definition == nullptr || metric.generator.empty() || scope.kind == Scope::Kind::whole_run) return {};
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
    case MetricId::load_errors: return load_value(metric, scope, run);
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
