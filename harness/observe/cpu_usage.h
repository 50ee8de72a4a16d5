// Turns two consecutive process-tree samples into the CPU use between them.
#pragma once

#include <chrono>
#include <optional>

#include "harness/observe/proc_sampler.h"

namespace faultline::observe {

// CPU use between `earlier` (taken at `earlier_at`) and `later`, in percent of one core: 100 is
// one core busy for the whole interval, 200 two cores. nullopt when the interval is not
// positive. Never negative: a process that exits unreaped takes its CPU time with it, which
// would otherwise read as negative use.
std::optional<double> cpu_percent(const ProcessTreeSample& earlier, std::chrono::steady_clock::time_point earlier_at,
                                  const ProcessTreeSample& later, std::chrono::steady_clock::time_point later_at);

}  // namespace faultline::observe
