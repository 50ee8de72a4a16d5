// What `faultline run --baseline` and `faultline compare` share: reading the baseline for a
// scenario, comparing runs with it, and writing the CI outputs (JUnit, Markdown summary,
// GitHub annotations) of the outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/analysis/run_comparison.h"
#include "harness/cli/commands.h"
#include "harness/result/baseline_file.h"
#include "harness/result/run_result.h"

namespace faultline::cli {

// The baseline, or empty after a message naming the file and field (the caller exits 2). A
// baseline of another scenario is refused: comparing them would judge nothing.
std::optional<result::Baseline> load_baseline(const std::string& path, const std::string& scenario_name,
                                              const std::string& command_name);

result::ComparisonRecord compare_with_baseline(const result::Baseline& baseline,
                                               std::vector<analysis::ComparableRun> current,
                                               const scenario::BaselineOptions& options, double interval_s);

// Writes --junit and --summary-md, appends the summary to $GITHUB_STEP_SUMMARY when set, and
// prints ::error annotations when GITHUB_ACTIONS is "true". False after a message when a file
// could not be written.
bool write_ci_outputs(const CiOutputs& outputs, const std::string& scenario_name, bool passed,
                      const std::vector<result::RunResult>& runs, const result::ComparisonRecord* comparison);

}  // namespace faultline::cli
