// The comparison with the baseline as a benchstat-like table (DESIGN.md, "Baseline comparison"):
// one row per metric with both medians and their confidence intervals, the change, the p-value,
// the sample sizes and the verdict; regressions are marked in words as well as in colour.
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

// Empty when the run had no baseline, so the section is simply not shown.
std::string render_comparison(const RunView& run);

}  // namespace faultline::reports::html
