#include "reports/ci/ci_outcome.h"

#include <algorithm>

#include "harness/analysis/run_comparison.h"
#include "harness/analysis/verdict.h"

namespace faultline::reports::ci {
namespace {

bool is_expectation_reason(const std::string& reason, const result::RunResult& run) {
  return std::any_of(run.expectations.begin(), run.expectations.end(), [&](const result::ExpectationResult& e) {
    return !e.passed && reason.starts_with(std::string(analysis::kExpectationFailedReason) + e.text);
  });
}

// The comparison has its own test cases, annotations and table.
bool is_comparison_reason(const std::string& reason) {
  return reason.starts_with(analysis::kRegressionReason) || reason.starts_with(analysis::kCannotCompareReason);
}

}  // namespace

std::string run_label(const CiOutcome& outcome, std::size_t run_index) {
  return outcome.runs.size() > 1 ? "run " + std::to_string(run_index + 1) : "";
}

std::string run_prefix(const CiOutcome& outcome, std::size_t run_index) {
  const std::string label = run_label(outcome, run_index);
  return label.empty() ? "" : label + ": ";
}

std::vector<std::string> run_findings(const result::RunResult& run) {
  std::vector<std::string> findings = run.reasons;
  std::erase_if(findings, [&](const std::string& reason) {
    return is_expectation_reason(reason, run) || is_comparison_reason(reason);
  });
  return findings;
}

}  // namespace faultline::reports::ci
