#include "harness/analysis/recovery.h"

#include <algorithm>
#include <cmath>

#include "harness/analysis/value_format.h"

namespace faultline::analysis {
namespace {

// Worst values and availability over the fault's intervals.
void measure_during(const LoadSeries& load, FaultWindow fault, FaultRecovery& recovery) {
  const TimeWindow window{fault.start_s, fault.end_s.value_or(std::max(load.error_rate.end_s(), fault.start_s))};
  IndexRange range = intervals_in(load.error_rate, window);
  if (range.empty()) range = intervals_touching(load.error_rate, window);

  const std::vector<double> error_rates = present_values(load.error_rate, range);
  if (!error_rates.empty()) recovery.worst_error_rate = *std::max_element(error_rates.begin(), error_rates.end());
  const std::vector<double> p99s = present_values(load.p99_ms, range);
  if (!p99s.empty()) recovery.worst_p99_ms = *std::max_element(p99s.begin(), p99s.end());

  double sent = 0;
  double ok = 0;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const auto sent_i = load.sent.at(i);
    const auto ok_i = load.ok.at(i);
    if (!sent_i || !ok_i) continue;
    sent += *sent_i;
    ok += *ok_i;
  }
  if (sent > 0) recovery.availability = ok / sent;
}

std::string seconds_text(double seconds) { return significant(seconds) + " s"; }

}  // namespace

FaultRecovery analyse_recovery(const LoadSeries& load, const SteadyLevels& steady, FaultWindow fault,
                               const RecoveryOptions& options) {
  FaultRecovery recovery;
  measure_during(load, fault, recovery);

  if (!steady.error_rate || (load.judge_p99 && !steady.p99_ms)) {
    recovery.status = RecoveryStatus::unknown;
    recovery.explanation = "no steady state to recover to: the baseline window had no error-rate or p99 samples";
    return recovery;
  }
  const RecoveryTolerance& tolerance = options.tolerance;
  const double error_rate_limit = *steady.error_rate + tolerance.error_rate_points;
  recovery.error_rate_limit = error_rate_limit;
  std::string limits = "error rate <= " + format_value(error_rate_limit, MetricUnit::fraction);
  double p99_limit_ms = 0;
  if (load.judge_p99) {
    p99_limit_ms = std::max(*steady.p99_ms * (1 + tolerance.p99_relative), *steady.p99_ms + tolerance.p99_floor_ms);
    recovery.p99_limit_ms = p99_limit_ms;
    limits += " and p99 <= " + format_value(p99_limit_ms, MetricUnit::milliseconds);
  }

  recovery.status = RecoveryStatus::never;
  if (!fault.end_s) {
    recovery.explanation = "the fault lasted until the end of the run: no time after it to recover in";
    return recovery;
  }

  const double interval_s = load.error_rate.interval_s;
  // The slack keeps 3 s / 0.1 s (29.999999999999996) at 30 intervals, not 31.
  const auto needed = static_cast<std::size_t>(
      std::max(1.0, std::ceil(options.recovery_window_s / interval_s - 1e-9)));
  const std::size_t data_end =
      load.judge_p99 ? std::min(load.error_rate.values.size(), load.p99_ms.values.size()) : load.error_rate.values.size();
  const std::size_t first = intervals_in(load.error_rate, {*fault.end_s, load.error_rate.end_s()}).first;

  std::size_t run = 0;  // consecutive intervals within tolerance, ending at i
  for (std::size_t i = first; i < data_end; ++i) {
    const auto error_rate = load.error_rate.at(i);
    const auto p99 = load.p99_ms.at(i);
    const bool latency_within = !load.judge_p99 || (p99 && *p99 <= p99_limit_ms);
    const bool within = error_rate && *error_rate <= error_rate_limit && latency_within;
    run = within ? run + 1 : 0;
    if (run == needed) {
      const double start_s = static_cast<double>(i + 1 - needed) * interval_s;
      recovery.status = RecoveryStatus::recovered;
      recovery.recovered_at_s = std::max(start_s, *fault.end_s);
      recovery.time_to_recover_s = *recovery.recovered_at_s - *fault.end_s;
      return recovery;
    }
  }
  recovery.explanation = "never recovered: no " + seconds_text(options.recovery_window_s) + " with " + limits +
                         " between the fault's end at " + seconds_text(*fault.end_s) + " and the end of the data at " +
                         seconds_text(static_cast<double>(data_end) * interval_s);
  return recovery;
}

}  // namespace faultline::analysis
