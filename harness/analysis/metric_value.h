// What a catalogue metric (harness/scenario/metric_catalogue.h) measured in one scope of a
// finished run: the observed side of an expectation. Reads the run's series, summaries and
// analysis; a value that cannot be observed is said so with the reason, never made up.
//
// Scopes:
// - whole run (no scope): the generator's summary after warm-up; recovery over every fault
//   (the worst); leaks from the leak check; peaks over every sample; counts over the run.
// - during steady: the baseline window (analysis.steady_from_s .. steady_to_s).
// - during fault N: fault N's actual window (its start to its end, or the end of the run).
// - after recovery: from the latest recovery instant over every fault to the end of the load.
// Over a window, load latencies, error rate and throughput are the median of the per-interval
// values (intervals by midpoint, series.h), requests and errors are summed, max is the
// largest; target peaks are the largest sample taken in the window. Connection generators:
// connects, failures and disconnects are summed, connected is the lowest level at an
// interval's end, latencies and the failure rate are medians; reconnect times are per fault
// (whole run: the worst fault's), "never" when too few clients came back for the rank.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/result/run_result.h"
#include "harness/scenario/metric_catalogue.h"

namespace faultline::analysis {

struct Observation {
  std::optional<double> value;  // in the metric's unit; empty when it could not be observed
  std::string how;              // how it was obtained ("median of 10 intervals in 5.0s..15.0s"),
                                // or why there is no value ("fault 2 never recovered")
};

// `run.analysis` must be done (analyse_run()).
Observation observe_metric(const scenario::MetricRef& metric, const scenario::Scope& scope,
                           const result::RunResult& run);

// The per-interval values a load metric's observation in a window scope is the median (or the
// largest, or the sum) of, in time order: the samples a baseline comparison tests. Empty for
// other metrics, the whole-run scope, or a window without data.
// A load metric's value in one interval's (or a whole run's) figures; empty when they lack what
// it needs (latency without a response, error rate without a finished request).
std::optional<double> load_metric_value(scenario::MetricId id, const result::LoadSummary& summary);
// The same for a connection-level generator's metric (connects, connected, connect_p99, ...).
std::optional<double> connection_metric_value(scenario::MetricId id, const result::ConnectionSummary& summary);

std::vector<double> interval_values(const scenario::MetricRef& metric, const scenario::Scope& scope,
                                    const result::RunResult& run);

}  // namespace faultline::analysis
