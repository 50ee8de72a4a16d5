// The analysis of one run, from what it recorded: steady state, recovery after each fault,
// leaks, and the counts of races, OOM kills, crashes and restarts (DESIGN.md, "Definitions").
// The one place verdicts on a run's behaviour are computed.
#pragma once

#include "harness/result/run_result.h"

namespace faultline::analysis {

// How long the leak check needs to see a resource after its start (recovery + settle): the
// engine keeps observing the target this long after the settle time.
inline constexpr double kLeakTailS = 2.0;

// Report kinds that are data races (DESIGN.md, "Data race"): sanitizer and Go race-detector
// reports, and Go's fatal concurrent map access.
bool is_race(const observe::LogReport& report);

// `load_end_s`: when the last load generator stopped, seconds from the run's start.
result::RunAnalysis analyse_run(const result::RunResult& run, double load_end_s);

}  // namespace faultline::analysis
