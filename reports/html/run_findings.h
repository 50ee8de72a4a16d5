// The report's lower sections: the expectations table, the findings (sanitizer and runtime
// reports with their first stack, leaks), and the chronological events log. Each returns an empty
// string when the result has nothing for it, so absent sections are simply not shown.
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_expectations(const RunView& run);
std::string render_findings(const RunView& run);
// Target events, fault starts and ends, and recoveries, in time order.
std::string render_events_log(const RunView& run);

}  // namespace faultline::reports::html
