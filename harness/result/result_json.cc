#include "harness/result/result_json.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "harness/result/comparison_json.h"
#include "harness/scenario/scenario_json.h"

namespace faultline::result {

using nlohmann::json;

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "fail";
    case Verdict::interrupted: return "interrupted";
  }
  return "fail";
}

namespace {

// Error classes with a non-zero count; the summary lists every class for a stable shape.
json errors_json(const load::LoadCounts& counts, bool include_zero) {
  json errors = json::object();
  for (std::size_t i = 0; i < counts.errors.size(); ++i) {
    if (include_zero || counts.errors[i] > 0) errors[load::to_string(static_cast<load::ErrorClass>(i))] = counts.errors[i];
  }
  return errors;
}

json percentiles_json(const LatencyPercentiles& p) {
  return {{"p50", p.p50_ms}, {"p90", p.p90_ms}, {"p99", p.p99_ms}, {"p999", p.p999_ms}, {"max", p.max_ms}};
}

json summary_json(const GeneratorResult& g) {
  const LoadSummary& s = g.summary;
  json j = {{"sent", s.counts.sent},
            {"requests", s.responses},
            {"ok", s.counts.ok},
            {"errors", errors_json(s.counts, true)},
            {"error_rate", s.error_rate},
            {"latency_ms", percentiles_json(s.latency)},
            {"throughput_rps", s.throughput_rps},
            {"connects", s.counts.connects},
            {"connects_per_s", s.connects_per_s},
            {"measured_s", s.span_s}};
  if (g.model == "open") {
    j["late"] = s.counts.late;
    j["schedule_lag_ms"] = percentiles_json(s.schedule_lag);
  }
  return j;
}

json series_json(const GeneratorResult& g) {
  json series = json::array();
  for (const SeriesPoint& point : g.series) {
    const LoadSummary& s = point.summary;
    json row = {{"t", point.t_s},
                {"sent", s.counts.sent},
                {"ok", s.counts.ok},
                {"errors", errors_json(s.counts, false)},
                {"throughput_rps", s.throughput_rps},
                {"connects", s.counts.connects},
                {"p50_ms", s.latency.p50_ms},
                {"p90_ms", s.latency.p90_ms},
                {"p99_ms", s.latency.p99_ms},
                {"max_ms", s.latency.max_ms}};
    if (g.model == "open") {
      row["late"] = s.counts.late;
      row["lag_p99_ms"] = s.schedule_lag.p99_ms;
    }
    series.push_back(std::move(row));
  }
  return series;
}

json generator_json(const GeneratorResult& g) {
  json j = {{"kind", "http"},
            {"model", g.model},
            {"threads", g.threads},
            {"connections", g.connections},
            {"summary", summary_json(g)},
            {"histogram", g.measured.latency_us.encode()},
            {"series", series_json(g)}};
  if (g.model == "open") j["schedule_lag_histogram"] = g.measured.schedule_lag_us.encode();
  return j;
}

json optional_seconds(const std::optional<double>& s) { return s ? json(*s) : json(nullptr); }

// Connection errors by kind; like errors_json, every kind in a summary, the non-zero ones in a row.
json connection_errors_json(const std::array<std::uint64_t, load::kConnectionErrorCount>& counts, bool include_zero) {
  json errors = json::object();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (include_zero || counts[i] > 0) errors[load::to_string(static_cast<load::ConnectionError>(i))] = counts[i];
  }
  return errors;
}

// The counts and levels a connection generator's summary and series rows share.
json connection_counts_json(const ConnectionSummary& s, bool include_zero) {
  const load::StormCounts& c = s.counts;
  return {{"connect_attempts", c.connect_attempts},
          {"connects", c.connects},
          {"reconnects", c.reconnects},
          {"connect_failures", connection_errors_json(c.connect_failures, include_zero)},
          {"disconnects", connection_errors_json(c.disconnects, include_zero)},
          {"connects_skipped", c.connects_skipped},
          {"closed", c.closed},
          {"gave_up", c.gave_up},
          {"messages_sent", c.messages_sent},
          {"sends_skipped", c.sends_skipped},
          {"messages_received", c.messages_received},
          {"replies", c.replies_matched},
          {"pushes", c.pushes_received},
          {"event_id_gaps", c.event_id_gaps},
          {"event_ids_skipped", c.event_ids_skipped},
          {"connected", s.connected},
          {"connected_peak", s.connected_peak},
          {"connect_attempts_per_s", s.connect_attempts_per_s},
          {"connects_per_s", s.connects_per_s},
          {"connect_failure_rate", s.connect_failure_rate}};
}

json connection_summary_json(const ConnectionSummary& s) {
  json j = connection_counts_json(s, true);
  j["connect_ms"] = percentiles_json(s.connect_latency);
  j["round_trip_ms"] = s.round_trips > 0 ? percentiles_json(s.round_trip) : json(nullptr);
  j["delivery_ms"] = s.deliveries > 0 ? percentiles_json(s.delivery) : json(nullptr);
  j["measured_s"] = s.span_s;
  return j;
}

json connection_series_json(const ConnectionGeneratorResult& g) {
  json series = json::array();
  for (const ConnectionSeriesPoint& point : g.series) {
    const ConnectionSummary& s = point.summary;
    json row = connection_counts_json(s, false);
    row["t"] = point.t_s;
    row["connect_p50_ms"] = s.counts.connects > 0 ? json(s.connect_latency.p50_ms) : json(nullptr);
    row["connect_p99_ms"] = s.counts.connects > 0 ? json(s.connect_latency.p99_ms) : json(nullptr);
    row["round_trip_p99_ms"] = s.round_trips > 0 ? json(s.round_trip.p99_ms) : json(nullptr);
    row["delivery_p99_ms"] = s.deliveries > 0 ? json(s.delivery.p99_ms) : json(nullptr);
    series.push_back(std::move(row));
  }
  return series;
}

json reconnects_json(const std::vector<ReconnectRecord>& records) {
  json out = json::array();
  for (const ReconnectRecord& r : records) {
    out.push_back({{"fault", r.fault},
                   {"clients", r.clients},
                   {"reconnected", r.reconnected},
                   {"p50_s", optional_seconds(r.p50_s)},
                   {"p99_s", optional_seconds(r.p99_s)},
                   {"max_s", optional_seconds(r.max_s)},
                   {"all_back_after_end_s", optional_seconds(r.all_back_after_end_s)}});
  }
  return out;
}

json connection_generator_json(const ConnectionGeneratorResult& g) {
  return {{"kind", g.kind},
          {"threads", g.threads},
          {"connections", g.connections},
          {"source_addresses", g.source_addresses},
          {"source_addresses_by", g.source_addresses == 0 ? "kernel" : g.source_addresses_spread_by_faultline ? "faultline" : "scenario"},
          {"summary", connection_summary_json(g.summary)},
          {"histograms",
           {{"connect", g.measured.connect_latency_us.encode()},
            {"round_trip", g.measured.round_trip_us.encode()},
            {"delivery", g.measured.push_latency_us.encode()}}},
          {"series", connection_series_json(g)},
          {"reconnects", reconnects_json(g.reconnects)},
          {"outages_not_kept", g.outages_not_kept}};
}

json faults_json(const RunResult& r) {
  json faults = json::array();
  for (const FaultRecord& f : r.faults) {
    json fault = {{"kind", f.kind},
                  {"spec", f.spec},
                  {"planned", {{"at", f.planned_at_s}, {"for", optional_seconds(f.planned_for_s)}}},
                  {"actual", {{"start", optional_seconds(f.started_s)}, {"end", optional_seconds(f.ended_s)}}}};
    if (!f.proxy.empty()) fault["proxy"] = f.proxy;
    if (!f.error.empty()) fault["error"] = f.error;
    faults.push_back(std::move(fault));
  }
  return faults;
}

json proxy_point_json(const ProxyPoint& p) {
  return {{"upstream_bytes", p.upstream_bytes},         {"downstream_bytes", p.downstream_bytes},
          {"connections_accepted", p.connections_accepted}, {"connections_active", p.connections_active},
          {"upstream_refused", p.upstream_refused},     {"resets_injected", p.resets_injected},
          {"connections_cut", p.connections_cut}};
}

json proxies_json(const RunResult& r) {
  json proxies = json::object();
  for (const ProxyResult& p : r.proxies) {
    json series = json::array();
    for (const ProxyPoint& point : p.series) {
      json row = proxy_point_json(point);
      row["t"] = point.t_s;
      series.push_back(std::move(row));
    }
    proxies[p.name] = {{"listen", p.listen}, {"upstream", p.upstream}, {"totals", proxy_point_json(p.totals)},
                       {"series", std::move(series)}};
  }
  return proxies;
}

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json target_series_json(const std::vector<TargetPoint>& points) {
  json rows = json::array();
  for (const TargetPoint& p : points) {
    json row = {{"t", p.t_s}, {"processes", p.processes}};
    if (p.processes > 0) {
      row["threads"] = p.threads;
      row["fds"] = p.fds;
      row["rss_bytes"] = p.rss_bytes;
      row["context_switches"] = p.context_switches;
      if (p.cpu_percent) row["cpu"] = *p.cpu_percent;
      if (p.goroutines) row["goroutines"] = *p.goroutines;
    }
    if (p.cgroup_memory_bytes) row["cgroup_memory_bytes"] = *p.cgroup_memory_bytes;
    rows.push_back(std::move(row));
  }
  return rows;
}

json analysis_json(const RunAnalysis& a) {
  json steady_load = json::object();
  for (const SteadyLoad& g : a.steady_load) {
    steady_load[g.generator] = {{"error_rate", optional_number(g.error_rate)},
                                {"p99_ms", optional_number(g.p99_ms)},
                                {"throughput_rps", optional_number(g.throughput_rps)}};
  }
  json recovery = json::array();
  for (const RecoveryRecord& rec : a.recovery) {
    json row = {{"fault", rec.fault},
                {"status", rec.status},
                {"time_to_recover_s", optional_number(rec.time_to_recover_s)},
                {"recovered_at_s", optional_number(rec.recovered_at_s)},
                {"worst_error_rate", optional_number(rec.worst_error_rate)},
                {"worst_p99_ms", optional_number(rec.worst_p99_ms)},
                {"availability", optional_number(rec.availability)}};
    if (!rec.explanation.empty()) row["explanation"] = rec.explanation;
    recovery.push_back(std::move(row));
  }
  // "leaks" maps each resource to its excess (0 unless leaked); "leak_checks" says how each
  // was judged.
  json leaks = json::object();
  json checks = json::array();
  for (const LeakRecord& leak : a.leaks) {
    leaks[leak.resource] = leak.excess;
    json check = {{"resource", leak.resource},
                  {"status", leak.status},
                  {"excess", leak.excess},
                  {"steady", optional_number(leak.steady)},
                  {"tail_min", optional_number(leak.tail_min)}};
    if (!leak.reason.empty()) check["reason"] = leak.reason;
    checks.push_back(std::move(check));
  }
  json comparable = json::array();
  for (const ComparableMetric& metric : a.comparable) comparable.push_back(to_json(metric));
  return {{"steady_state", {{"window_s", {a.steady_from_s, a.steady_to_s}}, {"load", std::move(steady_load)}}},
          {"load_end_s", a.load_end_s},
          {"recovery", std::move(recovery)},
          {"leak_check_from_s", optional_number(a.leak_check_from_s)},
          {"leaks", std::move(leaks)},
          {"leak_checks", std::move(checks)},
          {"races", a.races},
          {"oom_kills", a.oom_kills},
          {"crashes", a.crashes},
          {"restarts", a.restarts},
          {"comparable", std::move(comparable)}};
}

// "observed" is the value with its unit for people; "value" the number, in "unit", for scripts.
json expectations_json(const std::vector<ExpectationResult>& expectations) {
  json out = json::array();
  for (const ExpectationResult& e : expectations) {
    out.push_back({{"text", e.text},
                   {"metric", e.metric},
                   {"scope", e.scope.empty() ? json(nullptr) : json(e.scope)},
                   {"passed", e.passed},
                   {"observed", e.observed.empty() ? json(nullptr) : json(e.observed)},
                   {"value", optional_number(e.value)},
                   {"unit", e.unit},
                   {"detail", e.detail}});
  }
  return out;
}

json target_json(const RunResult& r) {
  json events = json::array();
  for (const TargetEvent& e : r.target_events) {
    json event = {{"t", e.t_s}, {"kind", e.kind}};
    if (e.exit_code) event["exit_code"] = *e.exit_code;
    if (e.signal) event["signal"] = *e.signal;
    if (e.fault) event["fault"] = *e.fault;
    if (e.oom_killed) event["oom_killed"] = true;
    if (e.ready_after_s) event["ready_after_s"] = *e.ready_after_s;
    if (e.memory_bytes) event["memory_bytes"] = *e.memory_bytes;
    if (!e.detail.empty()) event["detail"] = e.detail;
    events.push_back(std::move(event));
  }
  json j = {{"mode", r.target.mode}, {"address", r.target.address}, {"events", std::move(events)}};
  if (r.target.pid) j["pid"] = *r.target.pid;
  if (!r.target.limits.mechanism.empty()) {
    const LimitsInfo& l = r.target.limits;
    json limits = {{"mechanism", l.mechanism}};
    if (!l.cgroup.empty()) limits["cgroup"] = l.cgroup;
    if (l.memory_bytes) limits["memory_bytes"] = *l.memory_bytes;
    if (l.cpu_cores) limits["cpu_cores"] = *l.cpu_cores;
    if (l.open_files) limits["open_files"] = *l.open_files;
    j["limits"] = std::move(limits);
  }
  if (r.target.ready_after_s) j["ready_after_s"] = *r.target.ready_after_s;
  j["series"] = target_series_json(r.target_series);
  if (!r.metrics.empty()) {
    json metrics = json::object();
    for (const auto& [series, points] : r.metrics) {
      json rows = json::array();
      for (const MetricPoint& p : points) rows.push_back({p.t_s, p.value});
      metrics[series] = std::move(rows);
    }
    j["metrics"] = std::move(metrics);
  }
  if (r.scrape_errors > 0) j["scrape_errors"] = {{"count", r.scrape_errors}, {"last", r.last_scrape_error}};
  json reports = json::array();
  for (const observe::LogReport& report : r.logs.reports) {
    reports.push_back({{"kind", report.kind},
                       {"tool", observe::to_string(report.tool)},
                       {"signature", report.signature},
                       {"count", report.count},
                       {"t", report.first_at_s},
                       {"first", report.first_text}});
  }
  j["reports"] = std::move(reports);
  if (r.logs.dropped > 0) j["reports_dropped"] = r.logs.dropped;
  if (!r.target.stdout_log.empty()) j["stdout"] = r.target.stdout_log;
  if (!r.target.stderr_log.empty()) j["stderr"] = r.target.stderr_log;
  return j;
}

}  // namespace

json to_json(const RunResult& r) {
  json load = json::object();
  for (const GeneratorResult& g : r.load) load[g.name] = generator_json(g);
  for (const ConnectionGeneratorResult& g : r.connections) load[g.name] = connection_generator_json(g);
  return {
      {"format", "faultline-result"},
      {"version", kResultFormatVersion},
      {"scenario", scenario::to_json(r.scenario)},
      {"run",
       {{"started_at", r.started_at},
        {"duration_s", r.duration_s},
        {"faultline_version", FAULTLINE_VERSION},
        {"host", {{"cores", r.cores}}},
        {"shard", {{"index", 0}, {"count", 1}}},
        {"interrupted", r.interrupted ? json(*r.interrupted) : json(nullptr)},
        {"aborted", r.aborted ? json{{"condition", r.aborted->condition},
                                     {"held_from_s", r.aborted->held_from_s},
                                     {"at_s", r.aborted->at_s},
                                     {"detail", r.aborted->detail}}
                              : json(nullptr)}}},
      {"intervals_s", r.interval_s},
      {"load", std::move(load)},
      {"faults", faults_json(r)},
      {"proxies", proxies_json(r)},
      {"target", target_json(r)},
      {"analysis", analysis_json(r.analysis)},
      {"expectations", expectations_json(r.expectations)},
      {"comparison", r.comparison ? to_json(*r.comparison) : json(nullptr)},
      {"verdict", to_string(r.verdict)},
      {"reasons", r.reasons},
  };
}

void write_result_file(const RunResult& result, const std::string& path) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write the result file");
    // The target's output quoted in reports need not be valid UTF-8.
    out << to_json(result).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    if (!out.flush()) throw std::runtime_error(path + ": writing the result file failed");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error(path + ": cannot move the result file into place");
  }
}

}  // namespace faultline::result
