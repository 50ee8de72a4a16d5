#include "reports/html/report_page.h"

#include "reports/html/comparison_table.h"
#include "reports/html/connection_charts.h"
#include "reports/html/html_escape.h"
#include "reports/html/latency_distribution.h"
#include "reports/html/load_charts.h"
#include "reports/html/page.h"
#include "reports/html/run_findings.h"
#include "reports/html/run_summary.h"
#include "reports/html/run_view.h"
#include "reports/html/resource_charts.h"
#include "reports/html/timeline.h"
#include "reports/html/verdict_banner.h"

namespace faultline::reports::html {

namespace {

std::string contents(const RunView& run, const std::string& comparison, const std::string& expectations, const std::string& findings) {
  std::string out = "<nav class=\"toc\" aria-label=\"sections\"><a href=\"#summary\">What ran</a><a href=\"#load\">Load and latency</a>";
  if (!run.connections.empty()) out += "<a href=\"#" + connections_link_target(run) + "\">Connections</a>";
  out += "<a href=\"#target-resources\">Target resources</a><a href=\"#distribution\">Latency distribution</a>";
  if (!comparison.empty()) out += "<a href=\"#comparison\">Comparison</a>";
  if (!expectations.empty()) out += "<a href=\"#expectations\">Expectations</a>";
  if (!findings.empty()) out += "<a href=\"#findings\">Findings</a>";
  out += "<a href=\"#events\">Events</a></nav>";
  return out;
}

}  // namespace

std::string render_report(const nlohmann::json& result, const nlohmann::json* baseline) {
  const RunView run = read_run(result);
  const std::optional<RunView> base = baseline != nullptr ? std::optional<RunView>(read_run(*baseline)) : std::nullopt;
  const RunView* base_view = base ? &*base : nullptr;

  const std::string comparison = render_comparison(run);
  const std::string expectations = render_expectations(run);
  const std::string findings = render_findings(run);
  std::string body = render_verdict_banner(run);
  body += contents(run, comparison, expectations, findings);
  if (base_view != nullptr) {
    body += "<p class=\"baseline-note\">Dashed lines: the baseline run " + escape_html(base_view->name) +
            (base_view->started_at.empty() ? "" : " of " + escape_html(base_view->started_at)) + " (verdict " +
            escape_html(base_view->verdict) + "), on the same time axis.</p>";
  }
  body += render_run_summary(run);
  const Timeline timeline = make_timeline(run);
  body += render_load_charts(run, base_view, timeline);
  body += render_connection_charts(run, base_view, timeline);
  body += render_resource_charts(run, base_view, timeline);
  body += render_latency_distribution(run, base_view);
  body += comparison;
  body += expectations;
  body += findings;
  body += render_events_log(run);
  body += "<footer>faultline " + escape_html(run.faultline_version) + " · generated from result.json</footer>";
  const std::string verdict = run.verdict.empty() ? "unknown" : run.verdict;
  return render_page(verdict + ": " + (run.name.empty() ? "faultline run" : run.name) + " — faultline report", body);
}

}  // namespace faultline::reports::html
