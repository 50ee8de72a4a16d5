// Recovery after a fault (DESIGN.md, "Definitions"): the first instant after the fault's end
// from which error rate and p99 stay within tolerance of steady state for a full recovery
// window, the time to it, and how bad things were during the fault.
#pragma once

#include <optional>
#include <string>

#include "harness/analysis/series.h"

namespace faultline::analysis {

// One load generator's series, all on the same interval grid.
struct LoadSeries {
  Series sent;        // requests sent per interval
  Series ok;          // requests that succeeded per interval
  Series error_rate;  // failed / finished per interval, a fraction (0.02 = 2%)
  Series p99_ms;      // 99th percentile latency per interval, milliseconds
  // false: the generator has no latency to recover (WebSocket clients that only stay
  // connected); recovery then rests on the error rate alone and p99_ms is not read.
  bool judge_p99 = true;
};

// The steady-state medians recovery is measured against (steady_state(...).median); empty when
// the baseline window had no samples.
struct SteadyLevels {
  std::optional<double> error_rate;  // fraction
  std::optional<double> p99_ms;
};

// "Within tolerance of steady state", one-sided: being better than steady is always within.
//
// p99 limit = max(steady * (1 + p99_relative), steady + p99_floor_ms). Relative, because latency
// scales: per-interval p99 on a shared 2-core runner swings by tens of percent around its own
// steady median, so 50% keeps noise from reading as "not recovered" while a fault's latency
// (usually several times steady) does not pass. The absolute floor, because relative alone
// fails for tiny latencies: a steady p99 of 0.1 ms becoming 0.3 ms is one scheduler time slice,
// not an unrecovered service; 2 ms is below anything a user of an HTTP service would notice.
//
// error-rate limit = steady + error_rate_points (a fraction: 0.01 is one percentage point).
// Absolute, because steady error rates are mostly 0, where any relative tolerance would make a
// single failed request among thousands "unrecovered"; 1 point is small against the tens of
// percent a fault causes.
struct RecoveryTolerance {
  double p99_relative = 0.5;        // fraction of steady p99
  double p99_floor_ms = 2.0;        // milliseconds
  double error_rate_points = 0.01;  // fraction added to the steady error rate
};

struct RecoveryOptions {
  double recovery_window_s = 3;     // how long things must stay within tolerance, seconds
  RecoveryTolerance tolerance;
};

// A fault's window on the timeline, seconds from the run's start.
struct FaultWindow {
  double start_s = 0;
  std::optional<double> end_s;  // unset: the fault lasted until the end of the run
};

enum class RecoveryStatus {
  recovered,
  never,    // no full recovery window within tolerance before the data ends ("never")
  unknown,  // no steady state to recover to
};

struct FaultRecovery {
  RecoveryStatus status = RecoveryStatus::unknown;
  std::optional<double> recovered_at_s;     // the instant, seconds from the run's start
  std::optional<double> time_to_recover_s;  // recovered_at_s minus the fault's end, seconds
  std::string explanation;                  // for never/unknown: why, in plain words

  std::optional<double> error_rate_limit;   // the thresholds used (fraction)
  std::optional<double> p99_limit_ms;

  // During the fault (intervals by midpoint; the touching ones for a fault shorter than that).
  std::optional<double> worst_error_rate;   // fraction; empty when no interval had a value
  std::optional<double> worst_p99_ms;
  std::optional<double> availability;       // sum(ok) / sum(sent); empty when nothing was sent
};

// Candidate instants are the starts of the intervals after the fault (by midpoint), clamped to
// the fault's end so time-to-recover is never negative (the interval grid is coarser than the
// fault's edges). A run of ceil(recovery_window / interval) consecutive intervals must all have
// both values and both within the limits; a missing interval cannot show "within", so it
// breaks the run, and a window that would run past the end of the data does not count. A
// relapse after a completed window does not undo the recovery.
FaultRecovery analyse_recovery(const LoadSeries& load, const SteadyLevels& steady, FaultWindow fault,
                               const RecoveryOptions& options = {});

}  // namespace faultline::analysis
