// Gathers the series intervals a generator's workers report, each worker's figures for an
// interval merged into one, and hands an interval over once every worker reported it (or, at
// the end, whatever was reported). Used by the coordinator thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace faultline::load {

// Interval is {std::uint64_t index; Stats stats;} with Stats::merge(const Stats&).
template <class Interval>
class IntervalCollator {
 public:
  explicit IntervalCollator(std::size_t workers) : workers_(workers) {}

  void add(Interval reported) {
    Pending& pending = pending_[reported.index];
    pending.stats.merge(reported.stats);
    ++pending.reports;
  }

  // Intervals every worker has reported, in order; each returned once.
  std::vector<Interval> take_completed() {
    std::vector<Interval> completed;
    while (!pending_.empty() && pending_.begin()->second.reports == workers_) {
      auto node = pending_.extract(pending_.begin());
      completed.push_back(Interval{node.key(), std::move(node.mapped().stats)});
    }
    return completed;
  }

  // Every interval not yet taken, complete or not, in order.
  std::vector<Interval> take_remaining() {
    std::vector<Interval> remaining;
    for (auto& [index, pending] : pending_) remaining.push_back(Interval{index, std::move(pending.stats)});
    pending_.clear();
    return remaining;
  }

 private:
  using Stats = decltype(Interval::stats);
  struct Pending {
    Stats stats;
    std::size_t reports = 0;
  };

  std::size_t workers_;
  std::map<std::uint64_t, Pending> pending_;
};

}  // namespace faultline::load
