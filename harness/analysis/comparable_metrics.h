// What a finished run contributes to baseline comparisons (result::ComparableMetric): the
// metrics DESIGN.md's "Baseline comparison" names, observed the way expectations observe them.
//   noisy: per load generator p50, p99, throughput and error rate during steady (with the
//          steady window's per-interval values as samples); per fault that started, its
//          time-to-recover.
//   exact: threads, fds, goroutines and RSS leaked; data races; OOM kills; crashes.
#pragma once

#include <vector>

#include "harness/result/run_result.h"

namespace faultline::analysis {

// `run.analysis` must be done (analyse_run()).
std::vector<result::ComparableMetric> comparable_metrics(const result::RunResult& run);

}  // namespace faultline::analysis
