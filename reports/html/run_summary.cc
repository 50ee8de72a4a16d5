#include "reports/html/run_summary.h"

#include "reports/html/html_cells.h"
#include "reports/html/html_escape.h"
#include "reports/html/timeline.h"
#include "reports/html/timeline_strip.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

std::string optional_count(const std::optional<double>& n) { return n ? format_value(*n, Unit::count) : "–"; }

std::string definitions(const RunView& run) {
  std::string out = "<dl class=\"facts\">";
  const auto fact = [&](const std::string& term, const std::string& value, bool code = false) { out += fact_row(term, value, code); };
  fact("target", run.target_command.empty() ? run.target_mode : run.target_command, !run.target_command.empty());
  fact("address", run.target_address);
  if (run.target_ready_after_s) fact("ready after", format_value(*run.target_ready_after_s, Unit::seconds));
  if (run.memory_limit_bytes) fact("memory limit", format_value(*run.memory_limit_bytes, Unit::bytes));
  fact("duration", format_value(run.duration_s, Unit::seconds) +
                       (run.warmup_s > 0 ? " (first " + format_value(run.warmup_s, Unit::seconds) + " warm-up, not measured)" : ""));
  fact("interval", format_value(run.interval_s, Unit::seconds));
  fact("started", run.started_at);
  if (run.cores) fact("machine", format_value(*run.cores, Unit::count) + " cores");
  fact("faultline", run.faultline_version);
  fact("target output", run.stdout_log + (run.stdout_log.empty() || run.stderr_log.empty() ? "" : ", ") + run.stderr_log, true);
  return out + "</dl>";
}

std::string errors_text(const GeneratorView& g) {
  std::string classes;
  for (const auto& [error_class, count] : g.errors) {
    if (count > 0) classes += (classes.empty() ? "" : ", ") + error_class + " " + format_value(count, Unit::count);
  }
  return format_value(g.error_count, Unit::count) + (classes.empty() ? "" : " (" + classes + ")");
}

std::string generators_table(const RunView& run) {
  if (run.generators.empty()) return "";
  std::string out =
      "<table class=\"data\"><caption>Load generators (figures after warm-up)</caption><thead><tr><th scope=\"col\">name</th>"
      "<th scope=\"col\">model</th><th scope=\"col\">connections</th><th scope=\"col\">rate</th><th scope=\"col\">active</th>"
      "<th scope=\"col\">ok</th><th scope=\"col\">errors</th><th scope=\"col\">error rate</th><th scope=\"col\">throughput</th>"
      "<th scope=\"col\">p50</th><th scope=\"col\">p99</th><th scope=\"col\">max</th></tr></thead><tbody>";
  const double end_s = run.time_axis_end_s();
  for (const GeneratorView& g : run.generators) {
    const double to_s = g.end_s().value_or(end_s);
    out += "<tr><th scope=\"row\">" + escape_html(g.name) + "</th>" + cell(g.model) + cell(optional_count(g.connections) + (g.threads ? " (" + optional_count(g.threads) + (*g.threads == 1 ? " thread)" : " threads)") : "")) +
           cell(g.rate.empty() ? (g.model == "closed" ? "as fast as responses return" : "–") : g.rate) +
           cell(format_value(g.start_s, Unit::seconds) + "–" + format_value(to_s, Unit::seconds)) + cell(format_value(g.ok, Unit::count)) +
           cell(errors_text(g)) + cell(format_value(g.error_rate, Unit::fraction)) + cell(format_value(g.throughput_rps, Unit::rate)) +
           cell(format_value(g.latency.p50_ms, Unit::ms)) + cell(format_value(g.latency.p99_ms, Unit::ms)) +
           cell(format_value(g.latency.max_ms, Unit::ms)) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string recovery_text(const RunView& run, std::size_t fault) {
  for (const RecoveryView& r : run.recovery) {
    if (r.fault == fault) return r.time_to_recover_s ? format_value(*r.time_to_recover_s, Unit::seconds) : "never";
  }
  return "–";
}

std::string faults_table(const RunView& run) {
  if (run.faults.empty()) return "<p class=\"absent\">No faults were injected in this run.</p>";
  std::string out =
      "<table class=\"data\"><caption>Faults</caption><thead><tr><th scope=\"col\"></th><th scope=\"col\">kind</th>"
      "<th scope=\"col\">applied to</th><th scope=\"col\">spec</th><th scope=\"col\">planned</th><th scope=\"col\">active</th>"
      "<th scope=\"col\">time to recover</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < run.faults.size(); ++i) {
    const FaultView& f = run.faults[i];
    const std::string planned = "at " + format_value(f.planned_at_s, Unit::seconds) +
                                (f.planned_for_s ? " for " + format_value(*f.planned_for_s, Unit::seconds) : " until the end");
    std::string actual = "not recorded";
    if (f.actual_start_s) {
      actual = format_value(*f.actual_start_s, Unit::seconds) + "–" + (f.actual_end_s ? format_value(*f.actual_end_s, Unit::seconds) : "end");
    }
    out += "<tr><th scope=\"row\">" + fault_tag(i) + "</th>" + cell(f.kind) + cell(f.proxy.empty() ? "target" : f.proxy) + cell(f.spec) +
           cell(planned) + cell(actual) + cell(recovery_text(run, i)) + "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string render_run_summary(const RunView& run) {
  std::string out = "<section id=\"summary\"><h2>What ran</h2>";
  out += definitions(run);
  out += "<figure class=\"chart\"><figcaption><span class=\"chart-title\">Timeline</span> <span class=\"chart-note\">"
         "filled bars: when each part was active; outlined: a fault's planned window; diamonds: target events</span></figcaption>" +
         render_timeline_strip(run) + "</figure>";
  out += generators_table(run);
  out += faults_table(run);
  return out + "</section>";
}

}  // namespace faultline::reports::html
