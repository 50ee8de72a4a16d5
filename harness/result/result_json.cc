#include "harness/result/result_json.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

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
  json j = {{"model", g.model},
            {"threads", g.threads},
            {"connections", g.connections},
            {"summary", summary_json(g)},
            {"histogram", g.measured.latency_us.encode()},
            {"series", series_json(g)}};
  if (g.model == "open") j["schedule_lag_histogram"] = g.measured.schedule_lag_us.encode();
  return j;
}

json optional_seconds(const std::optional<double>& s) { return s ? json(*s) : json(nullptr); }

json faults_json(const RunResult& r) {
  json faults = json::array();
  for (const FaultRecord& f : r.faults) {
    json fault = {{"kind", f.kind},
                  {"proxy", f.proxy},
                  {"spec", f.spec},
                  {"planned", {{"at", f.planned_at_s}, {"for", optional_seconds(f.planned_for_s)}}},
                  {"actual", {{"start", optional_seconds(f.started_s)}, {"end", optional_seconds(f.ended_s)}}}};
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

json target_json(const RunResult& r) {
  json events = json::array();
  for (const TargetEvent& e : r.target_events) {
    json event = {{"t", e.t_s}, {"kind", e.kind}};
    if (e.exit_code) event["exit_code"] = *e.exit_code;
    if (e.signal) event["signal"] = *e.signal;
    if (!e.detail.empty()) event["detail"] = e.detail;
    events.push_back(std::move(event));
  }
  json j = {{"mode", r.target.mode}, {"address", r.target.address}, {"events", std::move(events)}};
  if (r.target.pid) j["pid"] = *r.target.pid;
  if (r.target.ready_after_s) j["ready_after_s"] = *r.target.ready_after_s;
  if (!r.target.stdout_log.empty()) j["stdout"] = r.target.stdout_log;
  if (!r.target.stderr_log.empty()) j["stderr"] = r.target.stderr_log;
  return j;
}

}  // namespace

json to_json(const RunResult& r) {
  json load = json::object();
  for (const GeneratorResult& g : r.load) load[g.name] = generator_json(g);
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
        {"interrupted", r.interrupted ? json(*r.interrupted) : json(nullptr)}}},
      {"intervals_s", r.interval_s},
      {"load", std::move(load)},
      {"faults", faults_json(r)},
      {"proxies", proxies_json(r)},
      {"target", target_json(r)},
      {"expectations", json::array()},
      {"comparison", nullptr},
      {"verdict", to_string(r.verdict)},
      {"reasons", r.reasons},
  };
}

void write_result_file(const RunResult& result, const std::string& path) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write the result file");
    out << to_json(result).dump(2) << '\n';
    if (!out.flush()) throw std::runtime_error(path + ": writing the result file failed");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error(path + ": cannot move the result file into place");
  }
}

}  // namespace faultline::result
