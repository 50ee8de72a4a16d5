// The scenario's expectations checked against a finished run: each one's observed value
// (metric_value.h), whether it held, and a line saying so. A value that could not be observed
// fails the expectation, with the reason: an expectation never passes silently.
#pragma once

#include <vector>

#include "harness/result/run_result.h"
#include "harness/scenario/expectation_parser.h"

namespace faultline::analysis {

// `run.analysis` must be done (analyse_run()).
result::ExpectationResult evaluate_expectation(const scenario::Expectation& expectation, const result::RunResult& run);

// One result per run.scenario.expect, in order.
std::vector<result::ExpectationResult> evaluate_expectations(const result::RunResult& run);

}  // namespace faultline::analysis
