#include "harness/fault/cpu_hog.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace faultline::fault {

namespace {

using std::chrono::nanoseconds;
using std::chrono::steady_clock;

constexpr auto kPeriod = std::chrono::milliseconds(100);
// The longest sleep between two looks at the stop flag.
constexpr auto kStopPollInterval = std::chrono::milliseconds(10);
// A bound on the threads started, far above any machine this runs on.
constexpr double kMaximumCores = 1024;

bool should_end(steady_clock::time_point deadline, const std::atomic<bool>& stop) {
  return stop.load(std::memory_order_relaxed) || steady_clock::now() >= deadline;
}

// One thread's share: busy for `duty` of each period. Returns the time it was busy.
nanoseconds burn(double duty, steady_clock::time_point deadline, const std::atomic<bool>& stop) {
  const auto busy_per_period = std::chrono::duration_cast<nanoseconds>(kPeriod * duty);
  nanoseconds busy{0};
  for (auto period_start = steady_clock::now(); !should_end(deadline, stop); period_start += kPeriod) {
    const auto busy_end = std::min(period_start + busy_per_period, deadline);
    // Reading the clock is the work: it keeps the core busy and notices the end of the share.
    auto now = steady_clock::now();
    const auto busy_start = now;
    while (now < busy_end && !stop.load(std::memory_order_relaxed)) now = steady_clock::now();
    busy += now - busy_start;
    const auto period_end = std::min(period_start + kPeriod, deadline);
    while (!should_end(deadline, stop) && steady_clock::now() < period_end) {
      std::this_thread::sleep_until(std::min(period_end, steady_clock::now() + kStopPollInterval));
    }
  }
  return busy;
}

}  // namespace

nanoseconds run_cpu_hog(double cores, steady_clock::time_point deadline, const std::atomic<bool>& stop) {
  if (!std::isfinite(cores) || cores <= 0 || cores > kMaximumCores) {
    throw std::invalid_argument("cpu hog: expected a number of cores above 0 and at most 1024, got " +
                                std::to_string(cores));
  }
  const auto thread_count = static_cast<std::size_t>(std::ceil(cores));
  std::vector<nanoseconds> busy(thread_count, nanoseconds{0});
  {
    std::vector<std::jthread> threads;
    threads.reserve(thread_count);
    for (std::size_t i = 0; i < thread_count; ++i) {
      const double duty = std::min(1.0, cores - static_cast<double>(i));
      threads.emplace_back([&busy, i, duty, deadline, &stop] { busy[i] = burn(duty, deadline, stop); });
    }
  }
  nanoseconds total{0};
  for (const nanoseconds share : busy) total += share;
  return total;
}

}  // namespace faultline::fault
