// One comparison as a line of benchstat-like text for the terminal and the CI summaries:
//   p99  12.1ms ± 3%  →  15.4ms ± 2%  +27%  (p=0.002 n=10+10)
//   p99  12.1ms ± 3%  →  12.3ms ± 2%  ~  (p=0.41 n=10+10)
//   p99  12.1ms ± ∞  →  15.4ms ± ∞  ?  (too few samples: with n=2+2 the smallest possible p is ...)
//   threads_leaked  0  →  37  +37  (exact)
#pragma once

#include <string>
#include <string_view>

#include "harness/analysis/comparison.h"
#include "harness/analysis/value_format.h"

namespace faultline::analysis {

// "± ∞" when the interval is unbounded (too few samples for it); "p<0.001" below 0.001.
std::string format_comparison(std::string_view metric, const NoisyComparison& comparison, MetricUnit unit);

std::string format_comparison(std::string_view metric, const ExactComparison& comparison);

// "p=0.002", "p=0.41", "p<0.001": two significant digits are all a p-value deserves.
std::string format_p(double p);

// A relative change as a signed percentage: "+27%", "-3.5%" (one decimal under 10%), "+∞%".
std::string format_delta(double delta);

}  // namespace faultline::analysis
