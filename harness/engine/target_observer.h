// Watches the target while a run goes on, on a thread of its own so a slow or paused target
// never holds up load or faults: at every observe.interval it samples the target's process tree
// from /proc, scrapes its Prometheus metrics, and scans what it printed for sanitizer and Go
// runtime reports.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "harness/fault/resource_limits.h"
#include "harness/observe/cpu_usage.h"
#include "harness/observe/file_follower.h"
#include "harness/observe/log_scanner.h"
#include "harness/observe/proc_sampler.h"
#include "harness/observe/report_collector.h"
#include "harness/observe/series_selector.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

struct ObserverSettings {
  scenario::Observe observe;
  scenario::Endpoint address;                  // the target's, for the Prometheus scrape
  std::optional<std::filesystem::path> stdout_log;  // the target's output, when faultline spawned it
  std::optional<std::filesystem::path> stderr_log;
  // The cgroup's memory figures, when the target has one (called from the observer's thread).
  std::function<std::optional<fault::MemoryStatus>()> memory_status;
};

class TargetObserver {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts the thread; the first sample is taken at `epoch`, then one every interval.
  TargetObserver(ObserverSettings settings, Clock::time_point epoch);
  ~TargetObserver();  // stop()
  TargetObserver(const TargetObserver&) = delete;
  TargetObserver& operator=(const TargetObserver&) = delete;

  // The process to sample from now on; nullopt while none runs (between a crash and a restart).
  void set_pid(std::optional<int> pid) { pid_.store(pid.value_or(0)); }

  // The target's resident memory at the last sample, if one was taken while it ran.
  std::optional<std::uint64_t> last_rss_bytes() const {
    const std::uint64_t rss = last_rss_bytes_.load();
    return rss > 0 ? std::optional(rss) : std::nullopt;
  }

  // The target's levels at the last sample, when a process ran at that instant (for abort
  // conditions on target.threads_peak, fds_peak and rss_peak).
  struct Levels {
    std::uint64_t threads = 0;
    std::uint64_t fds = 0;
    std::uint64_t rss_bytes = 0;
  };
  std::optional<Levels> last_levels() const {
    std::lock_guard lock(levels_mutex_);
    return last_levels_;
  }

  // Takes a last sample, reads the rest of the output and ends the thread. Idempotent.
  void stop();

  // After stop(): what was observed, moved into `result`.
  void take_results(result::RunResult& result);

 private:
  void run();
  void observe_once(double t_s, bool last);
  void scan_logs(double t_s, bool last);

  ObserverSettings settings_;
  Clock::time_point epoch_;
  std::atomic<int> pid_{0};
  std::atomic<std::uint64_t> last_rss_bytes_{0};
  mutable std::mutex levels_mutex_;
  std::optional<Levels> last_levels_;  // guarded by levels_mutex_

  observe::ProcSampler sampler_;
  std::optional<observe::ProcessTreeSample> previous_;
  Clock::time_point previous_at_{};
  observe::SeriesSelector selector_;
  observe::ReportCollector reports_;
  std::optional<observe::FileFollower> stdout_follower_, stderr_follower_;
  std::optional<observe::LogScanner> stdout_scanner_, stderr_scanner_;

  std::vector<result::TargetPoint> series_;
  std::map<std::string, std::vector<result::MetricPoint>> metrics_;
  std::uint64_t scrape_errors_ = 0;
  std::string last_scrape_error_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace faultline::engine
