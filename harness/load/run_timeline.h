// Where the generators of a run sit on its timeline: t = 0, the run's length, warm-up and the
// series interval. Shared by every kind of generator.
#pragma once

#include <chrono>

#include "harness/scenario/scenario.h"

namespace faultline::load {

struct RunTimeline {
  std::chrono::steady_clock::time_point epoch;  // t = 0
  scenario::Duration duration{};                // the run's length
  scenario::Duration warmup{};
  scenario::Duration interval{};                // series granularity
};

}  // namespace faultline::load
