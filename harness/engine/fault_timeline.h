// When each fault of a scenario starts and ends on the run's timeline. Pure bookkeeping on
// offsets from the run's start, so the order of starts and ends is tested without a clock; the
// run loop applies what it returns.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "harness/scenario/scenario.h"

namespace faultline::engine {

class FaultTimeline {
 public:
  using Duration = scenario::Duration;

  // A fault's planned window: from `at`, for `length` or until the end of the run.
  struct Window {
    Duration at{};
    std::optional<Duration> length;
  };

  enum class Edge { start, end };
  struct Action {
    std::size_t fault;   // index into the windows given at construction
    Edge edge;
    Duration planned;    // when it was meant to happen
  };

  FaultTimeline(std::vector<Window> windows, Duration run_length);

  // Every action planned at or before `now`, each returned once, in time order; at the same
  // instant ends come before starts (a fault ending at 20s is gone before one starting at 20s).
  std::vector<Action> take_due(Duration now);

  // When the next action is planned; nullopt when none is left.
  std::optional<Duration> next_due() const;

  // At the end of the run (or an interruption): the ends of the faults that started and have
  // not ended, so every applied fault is removed. Starts never taken are dropped.
  std::vector<Action> take_remaining_ends();

 private:
  std::vector<Action> actions_;  // sorted; [next_, end) not yet taken
  std::size_t next_ = 0;
  std::vector<bool> started_;
  std::vector<bool> ended_;
};

}  // namespace faultline::engine
