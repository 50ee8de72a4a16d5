// The end-of-run summary printed on the terminal: per HTTP generator its requests, outcomes and
// latency distribution, per connection-level generator its connects and reconnects
// (connection_generator_summary.h), the target's events, the analysis, the expectations (ok or
// FAIL each), the verdict and where the result was written.
#pragma once

#include <ostream>
#include <string>

#include "harness/result/run_result.h"

namespace faultline::reports {

void print_summary(std::ostream& out, const result::RunResult& result, const std::string& result_path);

// "measured 5.0s after 1s warm-up": the span a generator's figures cover.
std::string measured_text(double span_s, const scenario::Scenario& scenario);

}  // namespace faultline::reports
