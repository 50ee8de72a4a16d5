#include "reports/html/index_page.h"

#include <algorithm>

#include "reports/html/html_cells.h"
#include "reports/html/html_escape.h"
#include "reports/html/page.h"
#include "reports/html/run_view.h"
#include "reports/html/value_format.h"
#include "reports/html/verdict_banner.h"

namespace faultline::reports::html {

namespace {

// Failures first: the reader of an index is looking for what broke.
int verdict_rank(const std::string& verdict) {
  if (verdict == "pass") return 2;
  if (verdict == "interrupted") return 1;
  return 0;
}

std::string verdict_class(const std::string& verdict) { return verdict == "pass" || verdict == "interrupted" ? verdict : "fail"; }

}  // namespace

std::string render_index(const std::vector<IndexEntry>& entries, const std::string& title) {
  struct Row {
    RunView run;
    const IndexEntry* entry;
  };
  std::vector<Row> rows;
  rows.reserve(entries.size());
  for (const IndexEntry& entry : entries) rows.push_back({read_run(entry.result), &entry});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return verdict_rank(a.run.verdict) < verdict_rank(b.run.verdict); });

  std::size_t passed = 0;
  for (const Row& row : rows) passed += row.run.verdict == "pass";
  const std::size_t failed = rows.size() - passed;

  std::string body = "<header class=\"verdict verdict-" + std::string(failed == 0 && !rows.empty() ? "pass" : "fail") +
                     "\"><div class=\"verdict-word\">" + format_value(static_cast<double>(passed), Unit::count) + "/" +
                     format_value(static_cast<double>(rows.size()), Unit::count) + "</div><div class=\"verdict-body\"><h1>" + escape_html(title) +
                     "</h1><p class=\"headline\">" + format_value(static_cast<double>(passed), Unit::count) + " passed, " +
                     format_value(static_cast<double>(failed), Unit::count) + " did not</p></div></header>";
  body += "<section id=\"runs\"><h2>Runs</h2>";
  if (rows.empty()) return render_page(title, body + "<p class=\"absent\">No results were found.</p></section>");
  body += "<table class=\"data\"><thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">verdict</th><th scope=\"col\">why</th>"
          "<th scope=\"col\">run</th><th scope=\"col\">p99 (worst generator)</th><th scope=\"col\">started</th></tr></thead><tbody>";
  for (const Row& row : rows) {
    const RunView& run = row.run;
    double worst_p99_ms = NAN;
    for (const GeneratorView& g : run.generators) {
      if (std::isfinite(g.latency.p99_ms) && !(worst_p99_ms >= g.latency.p99_ms)) worst_p99_ms = g.latency.p99_ms;
    }
    std::string why;
    for (const std::string& reason : run.reasons) why += (why.empty() ? "" : "; ") + reason;
    const std::string verdict = run.verdict.empty() ? "unknown" : run.verdict;
    body += "<tr><th scope=\"row\"><a href=\"" + relative_href(row.entry->report_href) + "\">" +
            escape_html(run.name.empty() ? "unnamed scenario" : run.name) + "</a>" +
            (run.description.empty() ? "" : "<br><span class=\"chart-note\">" + escape_html(run.description) + "</span>") + "</th>" +
            "<td class=\"verdict-cell " + verdict_class(run.verdict) + "\">" + escape_html(verdict) + "</td>" + cell(why.empty() ? "–" : why) +
            cell(run_headline(run)) + cell(format_value(worst_p99_ms, Unit::ms)) + cell(run.started_at) + "</tr>";
  }
  body += "</tbody></table></section>";
  return render_page(title, body);
}

}  // namespace faultline::reports::html
