// What every load worker (HttpWorker, StormWorker) needs around its event loop: the thread that
// runs it, a join bounded by a deadline, and the mailbox that hands finished series intervals
// to the coordinator without sharing anything else.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace faultline::load {

class WorkerThread {
 public:
  using Clock = std::chrono::steady_clock;

  // `io` is the event loop `body` runs; join() stops it if it overruns.
  explicit WorkerThread(boost::asio::io_context& io) : io_(io) {}

  // Runs `body` on the thread; the thread is finished when it returns.
  void start(std::function<void()> body);

  bool started() const { return thread_.joinable(); }

  // Waits for `body` to return; a loop still running at `deadline` can only be stuck, so the
  // io_context is stopped then, and join cannot hang. No-op when not started.
  void join(Clock::time_point deadline);

 private:
  boost::asio::io_context& io_;
  std::promise<void> finished_;
  std::thread thread_;
};

// Intervals posted by the worker thread, taken by the coordinator (thread-safe).
template <class Interval>
class IntervalMailbox {
 public:
  void post(Interval interval) {
    std::lock_guard lock(mutex_);
    intervals_.push_back(std::move(interval));
  }
  // Everything posted since the last call, in order.
  std::vector<Interval> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(intervals_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<Interval> intervals_;
};

}  // namespace faultline::load
