// One worker's share of an open-model arrival stream: which intended arrivals are due, which
// wait for a free connection (late), and which waited so long that they are dropped. Pure
// logic on offsets from the generator's start, so it is tested with a fake clock.
#pragma once

#include <cstdint>
#include <optional>

#include "harness/load/arrival_schedule.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class OpenModelQueue {
 public:
  using Duration = scenario::Duration;

  struct Arrival {
    Duration intended;  // offset from the generator's start
    bool late;          // it waited for a free connection
  };

  // This worker owns the stream's arrivals first_index, first_index + stride, ...
  // An arrival still unsent `drop_after` past its intended time is dropped (the request's
  // own timeout: it could only have failed).
  OpenModelQueue(const ArrivalSchedule& schedule, std::uint64_t first_index, std::uint64_t stride,
                 Duration drop_after);

  // Intended offset of the next arrival not yet due; nullopt once the schedule is exhausted.
  std::optional<Duration> next_due() const { return next_due_; }

  // Makes every arrival intended at or before `now` available to pop().
  void release_due(Duration now);

  // Drops (and counts) the available arrivals that are `drop_after` past their intended time.
  void drop_stale(Duration now);

  // The oldest available arrival to send at `now`, after dropping stale ones.
  std::optional<Arrival> pop(Duration now);

  // At the end of the run: whatever is still available was never sent, so it is dropped.
  void drop_remaining();

  // Called when the free connections have all been used: what is still available from now on
  // counts as late when it is finally sent.
  void mark_waiting() { waiting_end_ = released_end_; }

  std::uint64_t backlog() const { return released_end_ - backlog_begin_; }
  // Arrivals dropped since the last call.
  std::uint64_t take_dropped();
  bool exhausted() const { return !next_due_ && backlog() == 0; }

 private:
  std::optional<Duration> intended(std::uint64_t local_index) const;

  const ArrivalSchedule& schedule_;
  std::uint64_t first_index_;
  std::uint64_t stride_;
  Duration drop_after_;
  // Local indices: arrival i of this worker is stream arrival first_index_ + i * stride_.
  std::uint64_t backlog_begin_ = 0;  // oldest arrival not yet sent or dropped
  std::uint64_t released_end_ = 0;   // first arrival not yet due
  std::uint64_t waiting_end_ = 0;    // arrivals below this waited for a connection
  std::optional<Duration> next_due_;
  std::uint64_t dropped_ = 0;
};

}  // namespace faultline::load
