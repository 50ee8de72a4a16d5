#include "reports/html/run_view.h"

#include <algorithm>
#include <array>

#include "harness/scenario/units.h"
#include "reports/html/connection_view.h"
#include "reports/html/idle_intervals.h"
#include "reports/html/json_read.h"

namespace faultline::reports::html {

namespace {

using nlohmann::json;

std::string stages_text(const json& stages) {
  std::string out;
  if (!stages.is_array()) return out;
  for (const json& stage : stages) {
    if (!out.empty()) out += ", ";
    out += text(member(stage, "rate")) + "/s for " + text(member(stage, "for"));
    const std::optional<double> ramp_s = duration_seconds(member(stage, "ramp"));
    if (ramp_s && *ramp_s > 0) out += " (ramp " + text(member(stage, "ramp")) + ")";
  }
  return out;
}

GeneratorSeries read_series(const json& rows) {
  GeneratorSeries series;
  if (!rows.is_array()) return series;
  for (const json& row : rows) {
    const json& errors = member(row, "errors");
    if (!errors.is_object()) continue;
    for (const auto& [error_class, count] : errors.items()) series.errors_by_class.try_emplace(error_class);
  }
  for (const json& row : rows) {
    series.t_s.push_back(number(member(row, "t")));
    series.throughput_rps.push_back(number(member(row, "throughput_rps")));
    // Only non-zero classes are written per interval; absent means none.
    const json& errors = member(row, "errors");
    double finished = number(member(row, "ok"), 0);
    for (auto& [error_class, counts] : series.errors_by_class) {
      counts.push_back(number(member(errors, error_class.c_str()), 0));
      finished += counts.back();
    }
    // An interval in which nothing finished has no latency; result.json writes 0 there, which
    // would draw as a fall to zero. A gap says it honestly.
    const auto latency = [&](const char* key) { return finished > 0 ? number(member(row, key)) : NAN; };
    series.p50_ms.push_back(latency("p50_ms"));
    series.p90_ms.push_back(latency("p90_ms"));
    series.p99_ms.push_back(latency("p99_ms"));
    series.max_ms.push_back(latency("max_ms"));
  }
  return series;
}

GeneratorView read_generator(const std::string& name, const json& planned, const json& measured, double interval_s) {
  GeneratorView g;
  g.name = name;
  g.model = text(member(measured, "model"));
  if (g.model.empty()) g.model = text(member(planned, "model"));
  g.connections = number_or_none(member(measured, "connections"));
  if (!g.connections) g.connections = number_or_none(member(planned, "connections"));
  g.threads = number_or_none(member(measured, "threads"));
  g.rate = stages_text(member(planned, "stages"));
  g.start_s = duration_seconds(member(planned, "start")).value_or(0);
  g.length_s = duration_seconds(member(planned, "for"));

  const json& summary = member(measured, "summary");
  g.ok = number(member(summary, "ok"), 0);
  const json& errors = member(summary, "errors");
  if (errors.is_object()) {
    for (const auto& [error_class, count] : errors.items()) {
      g.errors[error_class] = number(count, 0);
      g.error_count += number(count, 0);
    }
  }
  g.error_rate = number(member(summary, "error_rate"));
  g.throughput_rps = number(member(summary, "throughput_rps"));
  const json& latency = member(summary, "latency_ms");
  g.latency = {number(member(latency, "p50")), number(member(latency, "p99")), number(member(latency, "max"))};
  g.histogram = text(member(measured, "histogram"));
  g.series = read_series(member(measured, "series"));
  blank_idle_intervals(g.series.t_s, interval_s, g.start_s, g.end_s(), {{&g.series.throughput_rps}, {&g.series.errors_by_class}});
  return g;
}

// The scenario's order is the author's; result.json's load object is keyed, hence sorted. A
// generator only result.json names (the scenario was not recorded) follows in that order.
void read_generators(const json& result, RunView& run) {
  const json& planned = member(member(result, "scenario"), "load");
  const json& measured = member(result, "load");
  const auto read = [&](const std::string& name, const json& p, const json& m) {
    if (is_connection_generator(p, m)) {
      run.connections.push_back(read_connection_generator(name, p, m, run.interval_s));
    } else {
      run.generators.push_back(read_generator(name, p, m, run.interval_s));
    }
  };
  std::vector<std::string> planned_names;
  if (planned.is_array()) {
    for (const json& p : planned) {
      planned_names.push_back(text(member(p, "name")));
      read(planned_names.back(), p, member(measured, planned_names.back().c_str()));
    }
  }
  if (measured.is_object()) {
    for (const auto& [name, m] : measured.items()) {
      if (std::find(planned_names.begin(), planned_names.end(), name) == planned_names.end()) read(name, json(), m);
    }
  }
}

std::vector<FaultView> read_faults(const json& faults) {
  std::vector<FaultView> out;
  if (!faults.is_array()) return out;
  for (const json& f : faults) {
    FaultView fault;
    fault.kind = text(member(f, "kind"));
    fault.proxy = text(member(f, "proxy"));
    fault.spec = text(member(f, "spec"));
    const json& planned = member(f, "planned");
    fault.planned_at_s = number(member(planned, "at"));
    fault.planned_for_s = number_or_none(member(planned, "for"));
    const json& actual = member(f, "actual");
    fault.actual_start_s = number_or_none(member(actual, "start"));
    fault.actual_end_s = number_or_none(member(actual, "end"));
    out.push_back(std::move(fault));
  }
  return out;
}

std::vector<TargetEventView> read_events(const json& events) {
  std::vector<TargetEventView> out;
  if (!events.is_array()) return out;
  for (const json& e : events) {
    TargetEventView event;
    event.t_s = number(member(e, "t"));
    event.kind = text(member(e, "kind"));
    if (member(e, "signal").is_string()) event.outcome = text(member(e, "signal"));
    if (member(e, "exit_code").is_number()) event.outcome = "exit code " + text(member(e, "exit_code"));
    event.detail = event.outcome;
    if (!member(e, "detail").is_null()) event.detail += (event.detail.empty() ? "" : ", ") + text(member(e, "detail"));
    out.push_back(std::move(event));
  }
  return out;
}

std::vector<ResourceSeries> read_resources(const json& rows) {
  std::vector<ResourceSeries> out;
  if (!rows.is_array()) return out;
  std::vector<std::string> names;
  for (const json& row : rows) {
    if (!row.is_object()) continue;
    for (const auto& [name, value] : row.items()) {
      if (name != "t" && value.is_number() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  // The resources DESIGN.md defines leaks on come first, in a fixed order; others follow sorted.
  static constexpr std::array<const char*, 5> kPreferred = {"rss_bytes", "threads", "fds", "goroutines", "cpu"};
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const auto rank = [](const std::string& n) { return std::find(kPreferred.begin(), kPreferred.end(), n) - kPreferred.begin(); };
    return rank(a) < rank(b);
  });
  for (const std::string& name : names) {
    ResourceSeries series{name, {}, {}};
    for (const json& row : rows) {
      series.t_s.push_back(number(member(row, "t")));
      series.values.push_back(number(member(row, name.c_str())));
    }
    out.push_back(std::move(series));
  }
  return out;
}

std::optional<double> memory_limit_bytes(const json& limit) {
  if (limit.is_number()) return limit.get<double>();
  if (!limit.is_string()) return std::nullopt;
  const auto bytes = scenario::parse_size(limit.get<std::string>());
  if (!bytes) return std::nullopt;
  return static_cast<double>(*bytes);
}

void read_analysis(const json& result, RunView& run) {
  const json& reports = member(member(result, "target"), "reports");
  if (reports.is_array()) {
    for (const json& r : reports) {
      run.findings.push_back({text(member(r, "kind")), text(member(r, "tool")), number(member(r, "count")),
                              number(member(r, "t")), text(member(r, "first"))});
    }
  }
  const json& analysis = member(result, "analysis");
  const json& leaks = member(analysis, "leaks");
  if (leaks.is_object()) {
    for (const auto& [resource, excess] : leaks.items()) {
      if (excess.is_number()) run.leaks[resource] = excess.get<double>();
    }
  }
  const json& recovery = member(analysis, "recovery");
  if (recovery.is_array()) {
    for (const json& r : recovery) {
      const std::optional<double> fault = number_or_none(member(r, "fault"));
      if (!fault || *fault < 0) continue;
      run.recovery.push_back({static_cast<std::size_t>(*fault), number_or_none(member(r, "time_to_recover_s"))});
    }
  }
  const json& expectations = member(result, "expectations");
  if (expectations.is_array()) {
    for (const json& e : expectations) {
      const json& passed = member(e, "passed");
      run.expectations.push_back({text(member(e, "text")), passed.is_boolean() ? std::optional<bool>(passed.get<bool>()) : std::nullopt,
                                  text(member(e, "observed"))});
    }
  }
}

SampleSummaryView read_sample_summary(const json& side) {
  return {number(member(side, "n")), number_or_none(member(side, "median")), number_or_none(member(side, "low")),
          number_or_none(member(side, "high"))};
}

// Absent, null or not an object: the run had no baseline (or a result we cannot read it from).
std::optional<ComparisonView> read_comparison(const json& comparison) {
  if (!comparison.is_object()) return std::nullopt;
  ComparisonView view;
  view.baseline_path = text(member(comparison, "baseline_path"));
  view.baseline_scenario = text(member(comparison, "baseline_scenario"));
  view.baseline_runs = number(member(comparison, "baseline_runs"));
  view.current_runs = number(member(comparison, "current_runs"));
  view.alpha = number(member(comparison, "alpha"));
  view.too_few_samples_pass = member(comparison, "too_few_samples_pass") == true;
  const json& passed = member(comparison, "passed");
  if (passed.is_boolean()) view.passed = passed.get<bool>();
  const json& metrics = member(comparison, "metrics");
  if (!metrics.is_array()) return view;
  for (const json& m : metrics) {
    if (!m.is_object()) continue;
    view.metrics.push_back({text(member(m, "metric")), text(member(m, "scope")), text(member(m, "unit")), text(member(m, "kind")),
                            text(member(m, "samples")), text(member(m, "verdict")), read_sample_summary(member(m, "baseline")),
                            read_sample_summary(member(m, "current")), number_or_none(member(m, "delta")),
                            number_or_none(member(m, "p")), text(member(m, "text")), text(member(m, "note"))});
  }
  return view;
}

}  // namespace

std::optional<double> duration_seconds(const json& duration) {
  if (!duration.is_string()) return std::nullopt;
  const auto parsed = scenario::parse_duration(duration.get<std::string>());
  if (!parsed) return std::nullopt;
  return std::chrono::duration<double>(*parsed).count();
}

double FaultView::from_s(double run_end_s) const {
  if (actual_start_s) return *actual_start_s;
  return std::isfinite(planned_at_s) ? planned_at_s : run_end_s;
}

double FaultView::to_s(double run_end_s) const {
  if (actual_end_s) return *actual_end_s;
  if (actual_start_s && !planned_for_s) return run_end_s;
  return planned_for_s ? from_s(run_end_s) + *planned_for_s : run_end_s;
}

std::string FaultView::label() const {
  if (!spec.empty()) return spec;
  return kind.empty() ? "fault" : kind;
}

std::string TargetEventView::label() const {
  const std::string name = kind.empty() ? "event" : kind;
  return detail.empty() ? name : name + " (" + detail + ")";
}

std::string TargetEventView::short_label() const {
  const std::string name = kind.empty() ? "event" : kind;
  return outcome.empty() ? name : name + " (" + outcome + ")";
}

std::string MetricComparisonView::label() const { return scope.empty() ? metric : metric + " " + scope; }

double RunView::time_axis_end_s() const {
  double end = duration_s;
  const auto after_last_interval = [&](const std::vector<double>& t_s) {
    if (!t_s.empty() && std::isfinite(t_s.back())) end = std::max(end, t_s.back() + interval_s);
  };
  for (const GeneratorView& g : generators) after_last_interval(g.series.t_s);
  for (const ConnectionView& c : connections) after_last_interval(c.series.t_s);
  // The target is stopped just after the end; its last event must still be on the axis.
  for (const TargetEventView& event : events) {
    if (std::isfinite(event.t_s)) end = std::max(end, event.t_s);
  }
  for (const FaultView& fault : faults) {
    if (fault.actual_end_s && std::isfinite(*fault.actual_end_s)) end = std::max(end, *fault.actual_end_s);
  }
  return end > 0 ? end : 1;
}

RunView read_run(const json& result) {
  RunView run;
  const json& scenario = member(result, "scenario");
  run.name = text(member(scenario, "name"));
  run.description = text(member(scenario, "description"));
  run.verdict = text(member(result, "verdict"));
  const json& reasons = member(result, "reasons");
  if (reasons.is_array()) {
    for (const json& reason : reasons) run.reasons.push_back(text(reason));
  }
  const json& info = member(result, "run");
  run.started_at = text(member(info, "started_at"));
  run.faultline_version = text(member(info, "faultline_version"));
  run.cores = number_or_none(member(member(info, "host"), "cores"));
  run.interrupted_by = text(member(info, "interrupted"));
  run.duration_s = number(member(info, "duration_s"), 0);
  run.interval_s = number(member(result, "intervals_s"), 1);
  if (!(run.interval_s > 0)) run.interval_s = 1;
  run.warmup_s = duration_seconds(member(member(scenario, "phases"), "warmup")).value_or(0);

  const json& planned_target = member(scenario, "target");
  const json& target = member(result, "target");
  run.target_mode = text(member(target, "mode"));
  run.target_address = text(member(target, "address"));
  const json& command = member(planned_target, "command");
  if (command.is_array()) {
    for (const json& word : command) run.target_command += (run.target_command.empty() ? "" : " ") + text(word);
  }
  run.target_ready_after_s = number_or_none(member(target, "ready_after_s"));
  run.memory_limit_bytes = memory_limit_bytes(member(member(planned_target, "limits"), "memory"));
  run.stdout_log = text(member(target, "stdout"));
  run.stderr_log = text(member(target, "stderr"));

  read_generators(result, run);
  run.faults = read_faults(member(result, "faults"));
  run.events = read_events(member(target, "events"));
  run.resources = read_resources(member(target, "series"));
  read_analysis(result, run);
  run.comparison = read_comparison(member(result, "comparison"));
  return run;
}

namespace {

template <class View>
const View* find_named(const std::vector<View>& views, std::string_view name) {
  const auto found = std::find_if(views.begin(), views.end(), [&](const View& view) { return view.name == name; });
  return found == views.end() ? nullptr : &*found;
}

}  // namespace

const GeneratorView* find_generator(const RunView* run, std::string_view name) {
  return run == nullptr ? nullptr : find_named(run->generators, name);
}

const ConnectionView* find_connection(const RunView* run, std::string_view name) {
  return run == nullptr ? nullptr : find_named(run->connections, name);
}

}  // namespace faultline::reports::html
