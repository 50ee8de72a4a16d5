// What the CI reports (JUnit XML, the Markdown step summary, GitHub annotations) render: the runs
// of one `faultline run` (one per repetition), the baseline comparison when there was one and
// the overall verdict; and how they read a run's reasons.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "harness/result/comparison_record.h"
#include "harness/result/run_result.h"

namespace faultline::reports::ci {

struct CiOutcome {
  std::string scenario;                                  // the scenario's name
  // The overall verdict, as the exit code says it (the Markdown heading); the test cases and
  // annotations follow from the runs and the comparison themselves.
  bool passed = false;
  std::span<const result::RunResult> runs;               // one per repetition, in order; not owned
  const result::ComparisonRecord* comparison = nullptr;  // null: the run had no --baseline; not owned
};

// "run 2" when the outcome has several runs, "" when it has one.
std::string run_label(const CiOutcome& outcome, std::size_t run_index);

// "run 2: " when the outcome has several runs, "" when it has one: what names and lines about a
// run begin with.
std::string run_prefix(const CiOutcome& outcome, std::size_t run_index);

// What failed the run apart from its expectations and its baseline comparison, one line each:
// the reasons the engine and judge_run() (harness/analysis/verdict.cc) gave for crashes, OOM
// kills, races, leaks, fault errors, an abort or an interruption. A reason counts as an
// expectation's when it is kExpectationFailedReason followed by the text of one of the run's
// failed expectations, and as the comparison's when it begins with kRegressionReason or
// kCannotCompareReason (harness/analysis/run_comparison.h).
std::vector<std::string> run_findings(const result::RunResult& run);

}  // namespace faultline::reports::ci
