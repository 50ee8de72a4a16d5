// The outcome of a run as GitHub-flavoured Markdown for a job's step summary
// ($GITHUB_STEP_SUMMARY): a verdict heading, one line per reason, the expectations table and the
// baseline comparison table with its notes. Every text from the run is escaped so that it cannot
// break a table or inject markup, and the summary stays far below GitHub's 1 MiB limit: rows and
// lines past a bound are left out, rows that held or did not regress first, and counted.
#pragma once

#include <cstddef>
#include <string>

#include "reports/ci/ci_outcome.h"

namespace faultline::reports::ci {

// Bounds of the summary (with the defaults, a few hundred KiB at most).
struct MarkdownLimits {
  std::size_t reason_lines = 50;
  std::size_t expectation_rows = 100;
  std::size_t comparison_rows = 100;
  std::size_t line_bytes = 1000;  // a reason or a note, escaped
  std::size_t cell_bytes = 300;   // a table cell, escaped
};

std::string markdown_summary(const CiOutcome& outcome, const MarkdownLimits& limits = {});

}  // namespace faultline::reports::ci
