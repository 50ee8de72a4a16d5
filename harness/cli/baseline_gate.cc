#include "harness/cli/baseline_gate.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "reports/ci/ci_outcome.h"
#include "reports/ci/github_annotations.h"
#include "reports/ci/junit_report.h"
#include "reports/ci/markdown_summary.h"

namespace faultline::cli {

std::optional<result::Baseline> load_baseline(const std::string& path, const std::string& scenario_name,
                                              const std::string& command_name) {
  try {
    result::Baseline baseline = result::read_baseline(path);
    if (baseline.scenario != scenario_name) {
      std::cerr << command_name << ": " << path << ": the baseline is of scenario \"" << baseline.scenario
                << "\", not \"" << scenario_name << "\"\n";
      return std::nullopt;
    }
    return baseline;
  } catch (const result::BaselineError& e) {
    std::cerr << command_name << ": " << e.what() << '\n';
    return std::nullopt;
  }
}

result::ComparisonRecord compare_with_baseline(const result::Baseline& baseline,
                                               std::vector<analysis::ComparableRun> current,
                                               const scenario::BaselineOptions& options, double interval_s) {
  analysis::ComparisonInputs inputs;
  inputs.baseline_path = baseline.path;
  inputs.baseline_scenario = baseline.scenario;
  for (const result::BaselineRun& run : baseline.runs) inputs.baseline.push_back(run.comparable);
  inputs.current = std::move(current);
  inputs.options = options;
  inputs.interval_s = interval_s;
  return analysis::compare_runs(inputs);
}

namespace {

bool write_file(const std::string& path, const std::string& text, std::ios::openmode mode, const char* what) {
  std::ofstream out(path, mode);
  if (!(out << text) || !out.flush()) {
    std::cerr << "faultline: " << path << ": cannot write the " << what << '\n';
    return false;
  }
  return true;
}

}  // namespace

bool write_ci_outputs(const CiOutputs& outputs, const std::string& scenario_name, bool passed,
                      const std::vector<result::RunResult>& runs, const result::ComparisonRecord* comparison) {
  const reports::ci::CiOutcome outcome{scenario_name, passed, runs, comparison};
  bool written = true;
  if (outputs.junit) written &= write_file(*outputs.junit, reports::ci::junit_report(outcome), std::ios::trunc, "JUnit report");
  const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
  const bool on_github_summary = step_summary != nullptr && *step_summary != '\0';
  if (outputs.summary_md || on_github_summary) {
    const std::string markdown = reports::ci::markdown_summary(outcome);
    if (outputs.summary_md) written &= write_file(*outputs.summary_md, markdown, std::ios::trunc, "Markdown summary");
    // GitHub's step summary file collects every step's summary: append, never replace.
    if (on_github_summary) written &= write_file(step_summary, markdown + "\n", std::ios::app, "step summary");
  }
  const char* actions = std::getenv("GITHUB_ACTIONS");
  if (actions != nullptr && std::strcmp(actions, "true") == 0) std::cout << reports::ci::github_annotations(outcome);
  return written;
}

}  // namespace faultline::cli
