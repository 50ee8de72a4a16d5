// The worker threads of one generator (HttpGenerator, StormGenerator), each running its share of
// the load: starts, stops and joins them together and merges what they report, per series
// interval and over the measured span. Used by the coordinator thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "harness/load/interval_collator.h"

namespace faultline::load {

// Worker threads for a generator: `threads` when the scenario sets it (> 0), else one per core,
// never more than there are `connections` to share out, never none.
unsigned worker_count(unsigned threads, unsigned connections, unsigned cores);

// Worker `i`'s share of `total` split across `workers`: the remainder goes to the first workers.
std::uint32_t share(std::uint32_t total, unsigned workers, unsigned i);

// Worker has start(), request_stop(), join(deadline), take_intervals() -> std::vector<Interval>
// and measured() -> Stats; Interval is {std::uint64_t index; Stats stats;} and Stats merges.
template <class Worker, class Interval>
class WorkerGroup {
 public:
  using Clock = std::chrono::steady_clock;
  using Stats = decltype(Interval::stats);

  explicit WorkerGroup(std::vector<std::unique_ptr<Worker>> workers)
      : workers_(std::move(workers)), intervals_(workers_.size()) {}

  unsigned thread_count() const { return static_cast<unsigned>(workers_.size()); }

  void start() {
    for (auto& worker : workers_) worker->start();
  }
  void request_stop() {
    for (auto& worker : workers_) worker->request_stop();
  }
  void join(Clock::time_point deadline) {
    for (auto& worker : workers_) worker->join(deadline);
  }

  // Intervals every worker has reported, merged, in order; each returned once.
  std::vector<Interval> take_completed_intervals() {
    collect();
    return intervals_.take_completed();
  }
  // After join(): every interval not yet taken, complete or not.
  std::vector<Interval> take_remaining_intervals() {
    collect();
    return intervals_.take_remaining();
  }
  // After join(): the whole measured span (after warm-up), all workers merged.
  Stats measured() const {
    Stats total;
    for (const auto& worker : workers_) total.merge(worker->measured());
    return total;
  }

 protected:
  const std::vector<std::unique_ptr<Worker>>& workers() const { return workers_; }

 private:
  void collect() {
    for (auto& worker : workers_) {
      for (Interval& reported : worker->take_intervals()) intervals_.add(std::move(reported));
    }
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  IntervalCollator<Interval> intervals_;
};

}  // namespace faultline::load
