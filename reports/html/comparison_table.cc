#include "reports/html/comparison_table.h"

#include <algorithm>
#include <cmath>

#include "harness/analysis/comparison_format.h"
#include "harness/analysis/median.h"
#include "reports/html/html_cells.h"
#include "reports/html/html_escape.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

// A value in the unit result.json names; a unit this report does not know is written after it.
std::string value_text(double value, const std::string& unit) {
  if (unit == "ms") return format_value(value, Unit::ms);
  if (unit == "s") return format_value(value, Unit::seconds);
  if (unit == "req/s") return format_value(value, Unit::rate);
  if (unit == "%") return format_value(value, Unit::fraction);
  if (unit == "count") return format_value(value, Unit::count);
  if (unit == "bytes") return format_value(value, Unit::bytes);
  const std::string text = format_value(value, Unit::plain);
  return unit.empty() || !std::isfinite(value) ? text : text + " " + unit;
}

std::string signed_value_text(double value, const std::string& unit) {
  if (value > 0) return "+" + value_text(value, unit);
  if (value < 0) return "-" + value_text(-value, unit);
  return value_text(value, unit);
}

// "1.21ms ± 7%" for a noisy metric (as the terminal writes it, benchstat's larger distance from
// the median to a bound), "± ∞" when too few samples bound it; an exact count alone.
std::string side_text(const SampleSummaryView& side, const MetricComparisonView& m) {
  if (!side.median) return "–";
  const std::string median = value_text(*side.median, m.unit);
  if (m.exact()) return median;
  if (!side.low || !side.high) return median + " ± ∞";
  analysis::MedianInterval interval;
  interval.median = side.median;
  interval.bounded = true;
  interval.low = side.low;
  interval.high = side.high;
  if (const auto half_width = analysis::relative_half_width(interval)) {
    return median + " ± " + std::to_string(std::llround(*half_width * 100)) + "%";
  }
  // A median of 0 has no relative width: the half-width in the metric's unit.
  return median + " ± " + value_text(std::max(std::abs(*side.low), std::abs(*side.high)), m.unit);
}

// Noisy: the relative change of the medians; exact: the difference of the counts.
std::string change_text(const MetricComparisonView& m) {
  const std::optional<double>& base = m.baseline.median;
  const std::optional<double>& current = m.current.median;
  if (m.exact()) return base && current ? signed_value_text(*current - *base, m.unit) : "–";
  if (m.delta) return analysis::format_delta(*m.delta);
  // result.json writes an infinite change (from a median of 0) as null.
  if (base && current && *base == 0 && *current != 0) return analysis::format_delta(*current > 0 ? INFINITY : -INFINITY);
  return "–";
}

std::string sizes_text(const MetricComparisonView& m) {
  std::string text = format_value(m.baseline.n, Unit::count) + "+" + format_value(m.current.n, Unit::count);
  if (m.samples == "intervals") return text + " intervals";
  if (m.samples == "runs" || m.samples == "counts") return text + " runs";
  return m.samples.empty() ? text : text + " " + m.samples;
}

struct VerdictCell {
  std::string row_class;  // styles the row: regressions stand out
  std::string words;      // a mark and words, so no outcome is told by colour alone
};

VerdictCell verdict_cell(const MetricComparisonView& m, bool too_few_samples_pass) {
  if (m.verdict == "regressed") return {"cmp-regressed", "✗ regressed"};
  if (m.verdict == "improved") return {"cmp-improved", "✓ improved"};
  if (m.verdict == "same") return {"cmp-same", "~ same"};
  if (m.verdict == "insufficient") {
    const std::string words = "? " + (m.note.empty() ? std::string("too few samples") : m.note);
    if (too_few_samples_pass) return {"cmp-accepted", words + " (accepted by the scenario)"};
    return {"cmp-insufficient", words};
  }
  return {"cmp-other", m.verdict.empty() ? "–" : m.verdict};
}

std::string plural(std::size_t n, const std::string& word, const std::string& words) {
  return std::to_string(n) + " " + (n == 1 ? word : words);
}

// "1 regression, 1 insufficient", counted from the rows shown.
std::string tally(const ComparisonView& comparison) {
  const auto count = [&](const char* verdict) {
    return static_cast<std::size_t>(std::count_if(comparison.metrics.begin(), comparison.metrics.end(),
                                                  [&](const MetricComparisonView& m) { return m.verdict == verdict; }));
  };
  if (comparison.metrics.empty()) return "no metrics compared";
  std::string out;
  const auto add = [&](std::size_t n, const std::string& text) {
    if (n > 0) out += (out.empty() ? "" : ", ") + text;
  };
  add(count("regressed"), plural(count("regressed"), "regression", "regressions"));
  add(count("improved"), plural(count("improved"), "improvement", "improvements"));
  add(count("insufficient"), std::to_string(count("insufficient")) + " insufficient");
  return out.empty() ? "no significant change" : out;
}

std::string caption(const ComparisonView& comparison) {
  std::string out = "<caption>Baseline " + (comparison.baseline_path.empty() ? std::string("(path not recorded)")
                                                                             : "<code>" + escape_html(comparison.baseline_path) + "</code>");
  if (!comparison.baseline_scenario.empty()) out += " (scenario " + escape_html(comparison.baseline_scenario) + ")";
  out += " · " + escape_html(format_value(comparison.baseline_runs, Unit::count) + "+" + format_value(comparison.current_runs, Unit::count)) +
         " runs · alpha " + escape_html(format_value(comparison.alpha, Unit::plain)) + " · <strong>" + escape_html(tally(comparison)) + "</strong>";
  if (comparison.passed) out += *comparison.passed ? " · the comparison passes" : " · the comparison fails the run";
  return out + "</caption>";
}

}  // namespace

std::string render_comparison(const RunView& run) {
  if (!run.comparison) return "";
  const ComparisonView& comparison = *run.comparison;
  std::string out = "<section id=\"comparison\"><h2>Comparison with the baseline</h2><table class=\"data comparison\">" + caption(comparison) +
                    "<thead><tr><th scope=\"col\">metric</th><th scope=\"col\">baseline</th><th scope=\"col\">current</th>"
                    "<th scope=\"col\">change</th><th scope=\"col\">p</th><th scope=\"col\">n</th><th scope=\"col\">verdict</th></tr></thead><tbody>";
  for (const MetricComparisonView& m : comparison.metrics) {
    const VerdictCell verdict = verdict_cell(m, comparison.too_few_samples_pass);
    out += "<tr class=\"" + verdict.row_class + "\"><th scope=\"row\"><code>" + escape_html(m.metric) + "</code>" +
           (m.scope.empty() ? "" : " " + escape_html(m.scope)) + "</th>" + cell(side_text(m.baseline, m)) + cell(side_text(m.current, m)) +
           cell(change_text(m)) + cell(m.p ? analysis::format_p(*m.p) : "—") + cell(sizes_text(m)) + "<td class=\"cmp-verdict\">" +
           escape_html(verdict.words) + "</td></tr>";
  }
  out += "</tbody></table><p class=\"chart-note\">Medians ± the half-width of their confidence interval relative to the median (± ∞: too "
         "few samples to bound it). A change counts only when it is significant (p below alpha, two-sided Mann-Whitney U test) and "
         "beyond the metric's tolerance; exact metrics (leaks, races, crashes) compare their counts, and any increase is a regression.</p>";
  return out + "</section>";
}

}  // namespace faultline::reports::html
