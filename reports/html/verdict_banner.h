// The top of the report: pass, fail or interrupted in words and colour, the run in one line of
// figures, and one line per reason the verdict is not a pass (failed expectations, regressions,
// an unexpected exit of the target).
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_verdict_banner(const RunView& run);

// The run in one line: "15s · 2 load generators · 104,211 requests · 0.00% errors · 1 fault".
std::string run_headline(const RunView& run);

}  // namespace faultline::reports::html
