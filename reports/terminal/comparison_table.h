// The baseline comparison printed at the end of a run with --baseline, like benchstat: one
// aligned row per metric (baseline → current, change, test), the notes of metrics with too few
// samples, and a closing tally ("1 regression, 1 insufficient (needs 4+4 runs: --repeat 4)").
#pragma once

#include <ostream>

#include "harness/result/comparison_record.h"

namespace faultline::reports {

void print_comparison_table(std::ostream& out, const result::ComparisonRecord& comparison);

}  // namespace faultline::reports
