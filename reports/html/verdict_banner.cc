#include "reports/html/verdict_banner.h"

#include <algorithm>

#include "reports/html/html_escape.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

std::string plural(double n, const std::string& word) {
  return format_value(n, Unit::count) + " " + word + (n == 1 ? "" : "s");
}

// A verdict we do not know (from a newer faultline) is shown as it is, styled as a failure:
// a report must never make an unknown outcome look green.
std::string verdict_class(const std::string& verdict) {
  if (verdict == "pass") return "pass";
  if (verdict == "interrupted") return "interrupted";
  return "fail";
}

}  // namespace

std::string run_headline(const RunView& run) {
  double requests = 0, errors = 0;
  for (const GeneratorView& g : run.generators) {
    requests += g.ok + g.error_count;
    errors += g.error_count;
  }
  std::string line = format_value(run.duration_s, Unit::seconds) + " run · " +
                     plural(static_cast<double>(run.generators.size() + run.connections.size()), "load generator");
  if (!run.generators.empty() || run.connections.empty()) {
    line += " · " + format_value(requests, Unit::count) + " requests · " + format_value(requests > 0 ? errors / requests : NAN, Unit::fraction) +
            " errors";
  }
  if (!run.connections.empty()) {
    double attempts = 0, failures = 0;
    for (const ConnectionView& c : run.connections) {
      attempts += c.connect_attempts;
      failures += c.connect_failure_count();
    }
    line += " · " + format_value(attempts, Unit::count) + " connects · " + format_value(attempts > 0 ? failures / attempts : NAN, Unit::fraction) +
            " failed";
  }
  line += " · " + (run.faults.empty() ? std::string("no faults injected") : plural(static_cast<double>(run.faults.size()), "fault"));
  if (!run.events.empty()) line += " · " + plural(static_cast<double>(run.events.size()), "target event");
  return line;
}

std::string render_verdict_banner(const RunView& run) {
  const std::string verdict = run.verdict.empty() ? "unknown" : run.verdict;
  std::string out = "<header class=\"verdict verdict-" + verdict_class(run.verdict) + "\" id=\"verdict\"><div class=\"verdict-word\">" +
                    escape_html(verdict) + "</div><div class=\"verdict-body\"><h1>" +
                    escape_html(run.name.empty() ? "unnamed scenario" : run.name) + "</h1>";
  if (!run.description.empty()) out += "<p class=\"description\">" + escape_html(run.description) + "</p>";
  out += "<p class=\"headline\">" + escape_html(run_headline(run)) + "</p>";

  std::vector<std::string> lines = run.reasons;
  if (!run.interrupted_by.empty()) lines.push_back("interrupted by " + run.interrupted_by + "; the result covers the run up to then");
  // Failed expectations the reasons do not already name get their own line.
  for (const ExpectationView& e : run.expectations) {
    if (e.passed == false && std::none_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(e.text) != std::string::npos; })) {
      lines.push_back("expectation failed: " + e.text + (e.observed.empty() ? "" : " (observed " + e.observed + ")"));
    }
  }
  // Likewise regressions, and metrics that could not be compared when that fails the run, in the
  // very words faultline's own reasons use for them, so a reason already given is not repeated.
  const auto add_once = [&](const std::string& line) {
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
  };
  if (run.comparison) {
    for (const MetricComparisonView& m : run.comparison->metrics) {
      if (m.verdict == "regressed") add_once("regression: " + (m.text.empty() ? m.label() : m.text));
      if (m.verdict == "insufficient" && !run.comparison->too_few_samples_pass) {
        add_once("cannot compare with the baseline: " + m.label() + (m.note.empty() ? "" : ": " + m.note));
      }
    }
  }
  if (!lines.empty()) {
    out += "<ul class=\"reasons\">";
    for (const std::string& line : lines) out += "<li>" + escape_html(line) + "</li>";
    out += "</ul>";
  } else if (run.verdict == "pass") {
    out += "<p class=\"reasons-none\">Every check held" + std::string(run.expectations.empty() ? " (this scenario states no expectations)" : "") + ".</p>";
  }
  return out + "</div></header>";
}

}  // namespace faultline::reports::html
