// Leaks (DESIGN.md, "Definitions"): after recovery plus settle, a resource (threads, fds,
// goroutines, RSS) whose level stays above steady state by more than its tolerance, reported
// as the excess ("threads_leaked=37").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/analysis/recovery.h"
#include "harness/analysis/series.h"

namespace faultline::analysis {

// The excess a resource may keep without counting as a leak: max(absolute, relative * steady).
struct LeakTolerance {
  double absolute = 0;  // in the resource's unit (threads, fds, goroutines, bytes)
  double relative = 0;  // fraction of the steady level
};

// Defaults per resource. Counts get small absolute slack: a pool may lazily start a worker or
// keep a spare connection open (threads 2, fds 4), and Go's runtime starts and parks helper
// goroutines on its own (10). RSS gets max(16 MiB, 10%): allocators keep freed memory mapped
// (glibc arenas, Go's scavenger returns pages minutes later), so a level a little above steady
// after a burst is normal; 16 MiB covers small processes, 10% large heaps.
inline constexpr LeakTolerance kThreadsLeakTolerance{2, 0};
inline constexpr LeakTolerance kFdsLeakTolerance{4, 0};
inline constexpr LeakTolerance kGoroutinesLeakTolerance{10, 0};
inline constexpr LeakTolerance kRssLeakTolerance{16.0 * 1024 * 1024, 0.10};

// Where the leak check starts, seconds from the run's start: the latest recovery over every
// fault (and generator) plus settle; with no fault, the end of the load plus settle. Empty,
// with the reason, when a fault never recovered (or its recovery is unknown): what is left
// over cannot be told apart from what is still broken.
struct LeakCheckStart {
  std::optional<double> from_s;
  std::string reason;  // when from_s is empty
};
LeakCheckStart leak_check_start(const std::vector<FaultRecovery>& recoveries, double load_end_s, double settle_s);

enum class LeakStatus {
  none,     // the level came back within tolerance
  leaked,   // it stayed above steady + tolerance for the whole tail
  unknown,  // no steady level, no start, or too little data after the start
};

struct LeakResult {
  LeakStatus status = LeakStatus::unknown;
  double excess = 0;                // leaked: tail minimum - steady median; 0 otherwise
  std::optional<double> steady;     // the steady median
  std::optional<double> tail_min;   // the lowest level over the tail
  double allowed_excess = 0;        // max(absolute, relative * steady)
  std::size_t tail_samples = 0;     // values present in the tail
  std::string reason;               // for unknown: why, in plain words
};

// `level` from `from_s` (intervals by midpoint) to the end of the data is the tail. The
// resource leaked when the tail's minimum exceeds steady + allowed excess: the minimum, so that
// a transient spike that comes back down is not a leak, and "stays above for the rest of the
// data" holds at every sample. The tail needs at least ceil(min_tail_s / interval) values
// (missing intervals are skipped, they show nothing either way); with fewer the result is
// unknown, never a pass.
LeakResult detect_leak(const Series& level, std::optional<double> steady_median, const LeakTolerance& tolerance,
                       std::optional<double> from_s, double min_tail_s = 2.0);

}  // namespace faultline::analysis
