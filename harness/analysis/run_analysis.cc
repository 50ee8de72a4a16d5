#include "harness/analysis/run_analysis.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "harness/analysis/leaks.h"
#include "harness/analysis/recovery.h"
#include "harness/analysis/steady_state.h"

namespace faultline::analysis {
namespace {

double seconds(scenario::Duration d) { return std::chrono::duration<double>(d).count(); }

// The interval a series point starts (its t_s is the interval's start, up to rounding).
std::size_t interval_index(const result::SeriesPoint& point, double interval_s) {
  return static_cast<std::size_t>(std::llround(point.t_s / interval_s));
}

// A generator's per-interval series; intervals where nothing finished have no latency or rate.
LoadSeries load_series(const result::GeneratorResult& g, double interval_s) {
  LoadSeries series{{interval_s, {}}, {interval_s, {}}, {interval_s, {}}, {interval_s, {}}};
  for (const result::SeriesPoint& point : g.series) {
    const std::size_t index = interval_index(point, interval_s);
    for (Series* s : {&series.sent, &series.ok, &series.error_rate, &series.p99_ms}) s->values.resize(index + 1);
    const result::LoadSummary& p = point.summary;
    series.sent.values[index] = static_cast<double>(p.counts.sent);
    series.ok.values[index] = static_cast<double>(p.counts.ok);
    const bool finished = p.responses > 0 || p.error_rate > 0;
    if (finished) {
      series.error_rate.values[index] = p.error_rate;
      series.p99_ms.values[index] = p.latency.p99_ms;
    }
  }
  return series;
}

// A connection generator's series in recovery's terms. Clients that stay connected (websocket,
// sse): an interval's "error rate" is the share of clients not connected at its end, "sent" the
// clients and "ok" the connected ones, and latency is the message round trip when there is one
// (nothing else is measured while clients are merely connected). Churn (tcp): the error rate is
// failed connects / attempted, latency the connect's.
LoadSeries connection_load_series(const result::ConnectionGeneratorResult& g, double interval_s) {
  LoadSeries series{{interval_s, {}}, {interval_s, {}}, {interval_s, {}}, {interval_s, {}}};
  const bool churn = g.kind == "tcp";
  const bool round_trips = std::any_of(g.series.begin(), g.series.end(),
                                       [](const result::ConnectionSeriesPoint& p) { return p.summary.round_trips > 0; });
  series.judge_p99 = churn || round_trips;
  for (const result::ConnectionSeriesPoint& point : g.series) {
    const auto index = static_cast<std::size_t>(std::llround(point.t_s / interval_s));
    for (Series* s : {&series.sent, &series.ok, &series.error_rate, &series.p99_ms}) s->values.resize(index + 1);
    const result::ConnectionSummary& p = point.summary;
    if (churn) {
      series.sent.values[index] = static_cast<double>(p.counts.connect_attempts);
      series.ok.values[index] = static_cast<double>(p.counts.connects);
      if (p.counts.connect_attempts > 0) series.error_rate.values[index] = p.connect_failure_rate;
      if (p.counts.connects > 0) series.p99_ms.values[index] = p.connect_latency.p99_ms;
      continue;
    }
    const double clients = g.connections;
    const double connected = std::min(clients, static_cast<double>(p.connected));
    series.sent.values[index] = clients;
    series.ok.values[index] = connected;
    if (clients > 0) series.error_rate.values[index] = (clients - connected) / clients;
    if (p.round_trips > 0) series.p99_ms.values[index] = p.round_trip.p99_ms;
  }
  return series;
}

Series throughput_series(const result::GeneratorResult& g, double interval_s) {
  Series series{interval_s, {}};
  for (const result::SeriesPoint& point : g.series) {
    const std::size_t index = interval_index(point, interval_s);
    series.values.resize(index + 1);
    series.values[index] = point.summary.throughput_rps;
  }
  return series;
}

// A target resource by sample time; a sample taken while no process ran is no observation.
Series target_series(const std::vector<result::TargetPoint>& points, double interval_s,
                     const std::function<std::optional<double>(const result::TargetPoint&)>& value) {
  Series series{interval_s, {}};
  for (const result::TargetPoint& point : points) {
    const auto index = static_cast<std::size_t>(std::floor(point.t_s / interval_s + 1e-9));
    if (series.values.size() <= index) series.values.resize(index + 1);
    if (point.processes > 0) series.values[index] = value(point);
  }
  return series;
}

std::string to_string(RecoveryStatus status) {
  switch (status) {
    case RecoveryStatus::recovered: return "recovered";
    case RecoveryStatus::never: return "never";
    case RecoveryStatus::unknown: return "unknown";
  }
  return "unknown";
}

std::string to_string(LeakStatus status) {
  switch (status) {
    case LeakStatus::none: return "none";
    case LeakStatus::leaked: return "leaked";
    case LeakStatus::unknown: return "unknown";
  }
  return "unknown";
}

// Of several generators' recoveries from one fault, the one that decides: never over unknown
// over the latest recovery.
FaultRecovery worst_of(const std::vector<FaultRecovery>& recoveries) {
  const auto rank = [](const FaultRecovery& r) {
    return r.status == RecoveryStatus::never ? 2 : r.status == RecoveryStatus::unknown ? 1 : 0;
  };
  FaultRecovery worst = recoveries.front();
  for (const FaultRecovery& r : recoveries) {
    if (rank(r) > rank(worst) || (rank(r) == rank(worst) && r.recovered_at_s.value_or(0) > worst.recovered_at_s.value_or(0))) {
      worst = r;
    }
  }
  return worst;
}

}  // namespace

bool is_race(const observe::LogReport& report) {
  return report.kind == "data_race" || report.kind == "data_race_vptr" || report.kind.starts_with("concurrent_map_");
}

result::RunAnalysis analyse_run(const result::RunResult& run, double load_end_s) {
  const scenario::Scenario& s = run.scenario;
  const double interval_s = run.interval_s;
  result::RunAnalysis out;

  std::optional<double> first_fault_s;
  for (const result::FaultRecord& f : run.faults) {
    if (f.started_s) first_fault_s = std::min(first_fault_s.value_or(*f.started_s), *f.started_s);
  }
  const TimeWindow steady = steady_window(seconds(s.phases.warmup), seconds(s.phases.baseline_window), first_fault_s);
  out.steady_from_s = steady.start_s;
  out.steady_to_s = steady.end_s;
  out.load_end_s = load_end_s;

  RecoveryOptions recovery_options;
  recovery_options.recovery_window_s = seconds(s.phases.recovery_window);
  std::vector<std::vector<FaultRecovery>> by_fault(run.faults.size());
  // One generator's recovery from every fault that started, against its steady levels.
  const auto recover = [&](const LoadSeries& series) {
    const SteadyLevels levels{steady_state(series.error_rate, steady).median, steady_state(series.p99_ms, steady).median};
    for (std::size_t i = 0; i < run.faults.size(); ++i) {
      const result::FaultRecord& f = run.faults[i];
      if (!f.started_s) continue;
      by_fault[i].push_back(analyse_recovery(series, levels, FaultWindow{*f.started_s, f.ended_s}, recovery_options));
    }
    return levels;
  };
  for (const result::GeneratorResult& g : run.load) {
    const SteadyLevels levels = recover(load_series(g, interval_s));
    out.steady_load.push_back({g.name, levels.error_rate, levels.p99_ms,
                               steady_state(throughput_series(g, interval_s), steady).median});
  }
  for (const result::ConnectionGeneratorResult& g : run.connections) recover(connection_load_series(g, interval_s));
  std::vector<FaultRecovery> recoveries;
  for (std::size_t i = 0; i < by_fault.size(); ++i) {
    if (by_fault[i].empty()) continue;
    const FaultRecovery r = worst_of(by_fault[i]);
    recoveries.push_back(r);
    out.recovery.push_back({i, to_string(r.status), r.time_to_recover_s, r.recovered_at_s, r.worst_error_rate,
                            r.worst_p99_ms, r.availability, r.explanation});
  }

  const LeakCheckStart start = leak_check_start(recoveries, load_end_s, seconds(s.phases.settle));
  out.leak_check_from_s = start.from_s;
  struct Resource {
    const char* name;
    LeakTolerance tolerance;
    std::function<std::optional<double>(const result::TargetPoint&)> value;
  };
  const Resource resources[] = {
      {"threads", kThreadsLeakTolerance, [](const result::TargetPoint& p) { return std::optional<double>(p.threads); }},
      {"fds", kFdsLeakTolerance, [](const result::TargetPoint& p) { return std::optional<double>(p.fds); }},
      {"rss_bytes", kRssLeakTolerance, [](const result::TargetPoint& p) { return std::optional<double>(p.rss_bytes); }},
      {"goroutines", kGoroutinesLeakTolerance, [](const result::TargetPoint& p) { return p.goroutines; }},
  };
  const bool any_goroutines = std::any_of(run.target_series.begin(), run.target_series.end(),
                                          [](const result::TargetPoint& p) { return p.goroutines.has_value(); });
  for (const Resource& resource : resources) {
    if (run.target_series.empty() || (std::string(resource.name) == "goroutines" && !any_goroutines)) continue;
    const Series level = target_series(run.target_series, interval_s, resource.value);
    const LeakResult leak = detect_leak(level, steady_state(level, steady).median, resource.tolerance, start.from_s, kLeakTailS);
    out.leaks.push_back({resource.name, to_string(leak.status), leak.excess, leak.steady, leak.tail_min,
                         leak.reason.empty() ? start.reason : leak.reason});
  }

  for (const observe::LogReport& report : run.logs.reports) {
    if (is_race(report)) out.races += report.count;
  }
  for (const result::TargetEvent& e : run.target_events) {
    if (e.kind == "oom_kill") ++out.oom_kills;
    if (e.kind == "restart") ++out.restarts;
    if (e.kind == "exit" && !e.fault && !e.oom_killed) ++out.crashes;
  }
  return out;
}

}  // namespace faultline::analysis
