#include "reports/ci/github_annotations.h"

#include <vector>

#include "reports/ci/utf8_text.h"
#include "reports/terminal/comparison_cells.h"

namespace faultline::reports::ci {
namespace {

// GitHub cuts long annotations anyway; these keep a line readable in the raw log too.
constexpr std::size_t kTitleBytes = 200;
constexpr std::size_t kMessageBytes = 4000;

struct Annotation {
  std::string title;
  std::string message;
};

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = next_code_point(text, pos);
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::vector<Annotation> failures(const CiOutcome& outcome) {
  std::vector<Annotation> annotations;
  for (std::size_t i = 0; i < outcome.runs.size(); ++i) {
    const std::string label = run_label(outcome, i);
    const std::string title = "faultline " + outcome.scenario + (label.empty() ? "" : " " + label) + ": ";
    for (const std::string& finding : run_findings(outcome.runs[i])) annotations.push_back({title + "run failed", finding});
    for (const result::ExpectationResult& e : outcome.runs[i].expectations) {
      if (!e.passed) annotations.push_back({title + "expectation failed", e.detail.empty() ? e.text : e.detail});
    }
  }
  if (!outcome.comparison) return annotations;
  const std::string title = "faultline " + outcome.scenario + ": ";
  for (const result::MetricComparisonRecord& metric : outcome.comparison->metrics) {
    if (!fails_comparison(metric, *outcome.comparison)) continue;
    const ComparisonCells cells = comparison_cells(metric);
    if (metric.verdict == "regressed") {
      annotations.push_back({title + "regression", cells.metric + "  " + cells.baseline + " → " + cells.current + "  " + cells.change + "  (" +
                                                       cells.test + ") against " + outcome.comparison->baseline_path});
    } else {
      annotations.push_back({title + "too few samples", cells.metric + ": " + (metric.note.empty() ? "too few samples to compare" : metric.note)});
    }
  }
  return annotations;
}

}  // namespace

std::string annotation_message(std::string_view text) { return escape(text, false); }

std::string annotation_property(std::string_view text) { return escape(text, true); }

std::string github_annotations(const CiOutcome& outcome) {
  const std::vector<Annotation> annotations = failures(outcome);
  std::string out;
  for (std::size_t i = 0; i < annotations.size() && i < kMaxErrorAnnotations; ++i) {
    out += "::error title=" + annotation_property(truncate_utf8(annotations[i].title, kTitleBytes)) +
           "::" + annotation_message(truncate_utf8(annotations[i].message, kMessageBytes)) + "\n";
  }
  if (annotations.size() > kMaxErrorAnnotations) {
    out += "::notice title=" + annotation_property("faultline " + outcome.scenario + ": more failures") + "::" +
           std::to_string(annotations.size() - kMaxErrorAnnotations) +
           " more failures are not annotated; the job summary, the JUnit report and result.json list them all\n";
  }
  return out;
}

}  // namespace faultline::reports::ci
