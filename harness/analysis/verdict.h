// The verdict of a run and the reasons for it, from its events, reports, analysis and
// expectations. A run fails on what faultline exists to find, whatever the scenario expects: a
// crash (an exit no fault caused), an OOM kill, a data race, a leak, or a fault that could not
// be applied or removed. The scenario's expectations add to these checks and never replace
// them, so a verdict never depends on what was left unsaid.
#pragma once

#include <string_view>

#include "harness/result/run_result.h"

namespace faultline::analysis {

// How the reason of a failed expectation begins: "expectation failed: <text>: observed <value>".
inline constexpr std::string_view kExpectationFailedReason = "expectation failed: ";

// Needs run.analysis and run.expectations filled in; turns a passing verdict into fail and adds
// one reason per finding (an interrupted run stays interrupted, with the reasons added).
void judge_run(result::RunResult& run);

}  // namespace faultline::analysis
