#include "reports/ci/markdown_summary.h"

#include <functional>
#include <vector>

#include "harness/analysis/value_format.h"
#include "reports/ci/utf8_text.h"
#include "reports/terminal/comparison_cells.h"

namespace faultline::reports::ci {
namespace {

// One character of `text` made inert in a table cell or a list item: HTML-ish characters as
// entities, Markdown's punctuation and the cell separator '|' backslash-escaped, a line break as
// <br>, control characters (and malformed UTF-8, read as U+FFFD) as U+FFFD.
void append_markdown(std::string& out, char32_t c) {
  switch (c) {
    case '&': out += "&amp;"; return;
    case '<': out += "&lt;"; return;
    case '>': out += "&gt;"; return;
    case '\n': out += "<br>"; return;
    case '\r': return;
    case '\t': out += ' '; return;
    case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '~': case '#':
      out += '\\';
      out += static_cast<char>(c);
      return;
    default:
      append_utf8(out, c < 0x20 || c == 0x7F ? kReplacementCharacter : c);
  }
}

// `text` escaped, at most `max_bytes` long: cut between characters, with "…" where it was cut.
std::string markdown_text(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t last_fit = 0;  // the length up to the last character after which "…" still fits
  for (std::size_t pos = 0; pos < text.size();) {
    append_markdown(out, next_code_point(text, pos));
    if (out.size() > max_bytes) {
      out.resize(last_fit);
      return out + std::string(kEllipsis);
    }
    if (out.size() + kEllipsis.size() <= max_bytes) last_fit = out.size();
  }
  return out;
}

std::string bold(const std::string& markdown) { return "**" + markdown + "**"; }

std::string left_out(std::size_t n, const std::string& what) {
  return "_" + std::to_string(n) + " more " + what + " left out; result.json has them all._\n";
}

// Which of `count` rows to show when at most `limit` fit: those that `matters` picks first, then
// the others, each in their order.
std::vector<bool> rows_to_show(std::size_t count, std::size_t limit, const std::function<bool(std::size_t)>& matters) {
  std::vector<bool> shown(count, false);
  std::size_t room = limit;
  for (const bool first_pass : {true, false}) {
    for (std::size_t i = 0; i < count && room > 0; ++i) {
      if (!shown[i] && matters(i) == first_pass) {
        shown[i] = true;
        --room;
      }
    }
  }
  return shown;
}

std::string reasons_list(const CiOutcome& outcome, const MarkdownLimits& limits) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < outcome.runs.size(); ++i) {
    for (const std::string& reason : outcome.runs[i].reasons) lines.push_back(run_prefix(outcome, i) + reason);
  }
  if (outcome.comparison && !outcome.comparison->passed) lines.push_back("baseline comparison: " + comparison_tally(*outcome.comparison));
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < limits.reason_lines; ++i) out += "- " + markdown_text(lines[i], limits.line_bytes) + "\n";
  if (lines.size() > limits.reason_lines) out += "\n" + left_out(lines.size() - limits.reason_lines, "reasons");
  return out.empty() ? "" : out + "\n";
}

std::string expectations_table(const CiOutcome& outcome, const MarkdownLimits& limits) {
  struct Row {
    std::string prefix;
    const result::ExpectationResult* expectation;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < outcome.runs.size(); ++i) {
    for (const result::ExpectationResult& e : outcome.runs[i].expectations) rows.push_back({run_prefix(outcome, i), &e});
  }
  if (rows.empty()) return "";
  const std::vector<bool> shown = rows_to_show(rows.size(), limits.expectation_rows, [&](std::size_t i) { return !rows[i].expectation->passed; });
  std::string out = "### Expectations\n\n| expectation | observed | result |\n|---|---|---|\n";
  std::size_t hidden = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!shown[i]) {
      ++hidden;
      continue;
    }
    const result::ExpectationResult& e = *rows[i].expectation;
    const std::string observed = e.observed.empty() ? "not observed" : e.observed;
    out += "| " + markdown_text(rows[i].prefix + e.text, limits.cell_bytes) + " | " + markdown_text(observed, limits.cell_bytes) + " | " +
           (e.passed ? "✅ pass" : "❌ " + bold("fail")) + " |\n";
  }
  if (hidden > 0) out += "\n" + left_out(hidden, "expectations");
  return out + "\n";
}

std::string verdict_cell(const result::MetricComparisonRecord& metric, const result::ComparisonRecord& comparison) {
  if (metric.verdict == "regressed") return bold("regressed");
  if (metric.verdict == "same") return "~";
  if (metric.verdict == "insufficient") return fails_comparison(metric, comparison) ? bold("insufficient") : "insufficient (accepted)";
  return markdown_text(metric.verdict, 32);
}

std::string comparison_section(const result::ComparisonRecord& comparison, const MarkdownLimits& limits) {
  std::string out = "### Baseline comparison\n\nAgainst " + markdown_text(comparison.baseline_path, limits.line_bytes) + " (" +
                    compared_runs(comparison) + ", alpha " + analysis::significant(comparison.alpha) + ").\n\n";
  const auto& metrics = comparison.metrics;
  if (!metrics.empty()) {
    const std::vector<bool> shown =
        rows_to_show(metrics.size(), limits.comparison_rows, [&](std::size_t i) { return fails_comparison(metrics[i], comparison); });
    out += "| metric | baseline | current | change | p | verdict |\n|---|---|---|---|---|---|\n";
    std::string notes;
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      if (!shown[i]) {
        ++hidden;
        continue;
      }
      const ComparisonCells cells = comparison_cells(metrics[i]);
      const bool regressed = metrics[i].verdict == "regressed";
      const auto cell = [&](const std::string& text, bool strong) {
        const std::string escaped = markdown_text(text.empty() ? "–" : text, limits.cell_bytes);
        return " " + (strong ? bold(escaped) : escaped) + " |";
      };
      out += "|" + cell(cells.metric, regressed) + cell(cells.baseline, false) + cell(cells.current, false) +
             cell(cells.delta, regressed) + cell(cells.test, false) + " " + verdict_cell(metrics[i], comparison) + " |\n";
      if (metrics[i].verdict == "insufficient" && !metrics[i].note.empty()) {
        notes += "- " + markdown_text(cells.metric + ": " + metrics[i].note, limits.line_bytes) + "\n";
      }
    }
    if (hidden > 0) out += "\n" + left_out(hidden, "metrics");
    if (!notes.empty()) out += "\nToo few samples to judge:\n\n" + notes;
    out += "\n";
  }
  return out + markdown_text(comparison_tally(comparison), limits.line_bytes) + "\n";
}

}  // namespace

std::string markdown_summary(const CiOutcome& outcome, const MarkdownLimits& limits) {
  const std::string scenario = outcome.scenario.empty() ? "unnamed scenario" : outcome.scenario;
  std::string out = std::string("## ") + (outcome.passed ? "✅ " : "❌ ") + markdown_text(scenario, limits.cell_bytes) +
                    (outcome.passed ? " passed" : " failed") +
                    (outcome.runs.size() > 1 ? " (" + std::to_string(outcome.runs.size()) + " runs)" : "") + "\n\n";
  out += reasons_list(outcome, limits);
  out += expectations_table(outcome, limits);
  if (outcome.comparison) out += comparison_section(*outcome.comparison, limits);
  return out;
}

}  // namespace faultline::reports::ci
