#include "reports/html/run_findings.h"

#include <algorithm>

#include "reports/html/html_cells.h"
#include "reports/html/html_escape.h"
#include "reports/html/timeline.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

struct LogEntry {
  double t_s;
  std::string source;  // "target", "fault", "analysis"
  std::string what;
};

}  // namespace

std::string render_expectations(const RunView& run) {
  if (run.expectations.empty()) return "";
  std::string out =
      "<section id=\"expectations\"><h2>Expectations</h2><table class=\"data\"><thead><tr><th scope=\"col\">expectation</th>"
      "<th scope=\"col\">result</th><th scope=\"col\">observed</th></tr></thead><tbody>";
  for (const ExpectationView& e : run.expectations) {
    // The outcome is a word as well as a colour.
    const std::string outcome = !e.passed ? "unknown" : *e.passed ? "held" : "failed";
    out += "<tr class=\"outcome-" + outcome + "\"><th scope=\"row\"><code>" + escape_html(e.text) + "</code></th><td class=\"outcome\">" +
           outcome + "</td>" + cell(e.observed) + "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string render_findings(const RunView& run) {
  if (run.findings.empty() && run.leaks.empty()) return "";
  std::string out = "<section id=\"findings\"><h2>Findings</h2>";
  for (const FindingView& f : run.findings) {
    std::string summary = f.kind.empty() ? "report" : f.kind;
    if (!f.tool.empty()) summary += " (" + f.tool + ")";
    if (std::isfinite(f.count)) summary += " × " + format_value(f.count, Unit::count);
    if (std::isfinite(f.t_s)) summary += ", first at " + format_value(f.t_s, Unit::seconds);
    out += "<details class=\"finding\"><summary>" + escape_html(summary) + "</summary>";
    out += f.first.empty() ? "<p class=\"absent\">No excerpt was kept.</p>" : "<pre>" + escape_html(f.first) + "</pre>";
    out += "</details>";
  }
  if (!run.leaks.empty()) {
    out += "<table class=\"data\"><caption>Leaks: the level after recovery and settling, above steady state</caption><thead><tr>"
           "<th scope=\"col\">resource</th><th scope=\"col\">excess</th></tr></thead><tbody>";
    for (const auto& [resource, excess] : run.leaks) {
      out += "<tr class=\"" + std::string(excess > 0 ? "outcome-failed" : "outcome-held") + "\"><th scope=\"row\">" + escape_html(resource) +
             "</th>" + cell(format_value(excess, resource.ends_with("bytes") ? Unit::bytes : Unit::count)) + "</tr>";
    }
    out += "</tbody></table>";
  }
  return out + "</section>";
}

std::string render_events_log(const RunView& run) {
  std::vector<LogEntry> entries;
  const double end_s = run.time_axis_end_s();
  for (const TargetEventView& e : run.events) entries.push_back({e.t_s, "target", e.label()});
  for (std::size_t i = 0; i < run.faults.size(); ++i) {
    const FaultView& f = run.faults[i];
    entries.push_back({f.from_s(end_s), "fault", fault_tag(i) + " " + f.label() + " started"});
    if (f.actual_end_s || f.planned_for_s) entries.push_back({f.to_s(end_s), "fault", fault_tag(i) + " " + f.label() + " ended"});
  }
  for (const RecoveryView& r : run.recovery) {
    if (r.fault >= run.faults.size()) continue;
    if (r.time_to_recover_s) {
      entries.push_back({run.faults[r.fault].to_s(end_s) + *r.time_to_recover_s, "analysis",
                         "recovered from " + fault_tag(r.fault) + " after " + format_value(*r.time_to_recover_s, Unit::seconds)});
    } else {
      entries.push_back({end_s, "analysis", "never recovered from " + fault_tag(r.fault)});
    }
  }
  std::string out = "<section id=\"events\"><h2>Events</h2>";
  if (entries.empty()) return out + "<p class=\"absent\">Nothing happened to the target: no exits, restarts or faults.</p></section>";
  // Unknown times (NaN) sort last rather than breaking the order.
  std::stable_sort(entries.begin(), entries.end(), [](const LogEntry& a, const LogEntry& b) {
    if (std::isfinite(a.t_s) != std::isfinite(b.t_s)) return std::isfinite(a.t_s);
    return a.t_s < b.t_s;
  });
  out += "<table class=\"data events\"><thead><tr><th scope=\"col\">time</th><th scope=\"col\">source</th><th scope=\"col\">what</th></tr></thead><tbody>";
  for (const LogEntry& e : entries) {
    out += "<tr class=\"source-" + e.source + "\">" + cell(format_value(e.t_s, Unit::seconds)) + cell(e.source) + cell(e.what) + "</tr>";
  }
  return out + "</tbody></table></section>";
}

}  // namespace faultline::reports::html
