#include "reports/ci/junit_report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "reports/ci/utf8_text.h"
#include "reports/ci/xml_text.h"
#include "reports/terminal/comparison_cells.h"

namespace faultline::reports::ci {
namespace {

// Bounds that keep one case readable in GitLab's and Jenkins' test views.
constexpr std::size_t kMessageBytes = 200;
constexpr std::size_t kBodyBytes = 64 * 1024;

enum class CaseStatus { passed, failed, skipped };

struct TestCase {
  std::string name;
  std::string classname;
  std::int64_t time_ms = 0;
  CaseStatus status = CaseStatus::passed;
  std::string type;     // failed: what kind of failure ("expectation", "findings", "regression", ...)
  std::string message;  // failed or skipped: one short line
  std::string body;     // failed or skipped: the whole text; passed: what was observed (system-out)
};

// The first line of `text`, shortened.
std::string short_message(const std::string& text) { return truncate_utf8(text.substr(0, text.find('\n')), kMessageBytes); }

std::string seconds_text(std::int64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ms) / 1000.0);
  return text;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

TestCase expectation_case(const result::ExpectationResult& e, const std::string& prefix) {
  TestCase c;
  c.name = prefix + e.text;
  c.classname = "expectations";
  c.body = e.detail;
  if (!e.passed) {
    c.status = CaseStatus::failed;
    c.type = "expectation";
    c.message = short_message(e.detail.empty() ? "expectation failed: " + e.text : e.detail);
  }
  return c;
}

TestCase findings_case(const result::RunResult& run, const CiOutcome& outcome, std::size_t run_index) {
  const std::string label = run_label(outcome, run_index);
  TestCase c;
  c.name = label.empty() ? "run" : label;
  c.classname = "findings";
  c.time_ms = std::llround(std::max(0.0, run.duration_s) * 1000.0);
  const std::vector<std::string> findings = run_findings(run);
  if (findings.empty()) {
    c.body = "no crash, OOM kill, data race, leak or fault error";
    return c;
  }
  c.status = CaseStatus::failed;
  c.type = "findings";
  c.message = short_message(findings.front());
  if (findings.size() > 1) c.message += " (and " + std::to_string(findings.size() - 1) + " more)";
  c.body = join_lines(findings);
  return c;
}

TestCase comparison_case(const result::MetricComparisonRecord& metric, const result::ComparisonRecord& comparison) {
  const ComparisonCells cells = comparison_cells(metric);
  const std::string line = cells.baseline + " → " + cells.current + "  " + cells.change + "  (" + cells.test + ")";
  TestCase c;
  c.name = cells.metric;
  c.classname = "comparison";
  c.body = line;
  if (metric.verdict == "regressed") {
    c.status = CaseStatus::failed;
    c.type = "regression";
    c.message = "regressed " + cells.change + " (" + cells.test + ")";
  } else if (metric.verdict == "insufficient") {
    c.status = fails_comparison(metric, comparison) ? CaseStatus::failed : CaseStatus::skipped;
    c.type = "insufficient";
    c.message = c.status == CaseStatus::failed ? "too few samples to compare (" + cells.test + ")"
                                               : "too few samples to compare, accepted by the scenario (" + cells.test + ")";
  }
  if (!metric.note.empty()) c.body = metric.note + "\n" + line;
  return c;
}

std::vector<TestCase> test_cases(const CiOutcome& outcome) {
  std::vector<TestCase> cases;
  for (std::size_t i = 0; i < outcome.runs.size(); ++i) {
    const result::RunResult& run = outcome.runs[i];
    for (const result::ExpectationResult& e : run.expectations) cases.push_back(expectation_case(e, run_prefix(outcome, i)));
    cases.push_back(findings_case(run, outcome, i));
  }
  if (outcome.comparison) {
    for (const result::MetricComparisonRecord& metric : outcome.comparison->metrics) {
      cases.push_back(comparison_case(metric, *outcome.comparison));
    }
  }
  return cases;
}

void write_case(std::string& out, const TestCase& c) {
  out += "    <testcase name=\"" + xml_attribute(c.name) + "\" classname=\"" + xml_attribute(c.classname) + "\" time=\"" +
         seconds_text(c.time_ms) + "\">\n";
  const std::string body = xml_text(truncate_utf8(c.body, kBodyBytes));
  switch (c.status) {
    case CaseStatus::failed:
      out += "      <failure message=\"" + xml_attribute(c.message) + "\" type=\"" + xml_attribute(c.type) + "\">" + body + "</failure>\n";
      break;
    case CaseStatus::skipped:
      out += "      <skipped message=\"" + xml_attribute(c.message) + "\">" + body + "</skipped>\n";
      break;
    case CaseStatus::passed:
      if (!c.body.empty()) out += "      <system-out>" + body + "</system-out>\n";
      break;
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string junit_report(const CiOutcome& outcome) {
  const std::vector<TestCase> cases = test_cases(outcome);
  std::size_t failures = 0;
  std::size_t skipped = 0;
  std::int64_t time_ms = 0;
  for (const TestCase& c : cases) {
    failures += c.status == CaseStatus::failed ? 1 : 0;
    skipped += c.status == CaseStatus::skipped ? 1 : 0;
    time_ms += c.time_ms;
  }
  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"faultline\" " + counts + " time=\"" + seconds_text(time_ms) + "\">\n";
  out += "  <testsuite name=\"" + xml_attribute("faultline." + outcome.scenario) + "\" " + counts + " skipped=\"" +
         std::to_string(skipped) + "\" time=\"" + seconds_text(time_ms) + "\">\n";
  for (const TestCase& c : cases) write_case(out, c);
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace faultline::reports::ci
