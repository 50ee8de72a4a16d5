#include "harness/engine/target_observer.h"

#include <algorithm>

#include "harness/observe/prometheus_scraper.h"

namespace faultline::engine {
namespace {

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

// A scrape may take at most this share of an interval, so a target that does not answer (one
// that is paused, say) costs a gap in the series and never a late sample.
std::chrono::milliseconds scrape_timeout(scenario::Duration interval) {
  const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(interval / 2);
  return std::clamp(half, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
}

}  // namespace

TargetObserver::TargetObserver(ObserverSettings settings, Clock::time_point epoch)
    : settings_(std::move(settings)),
      epoch_(epoch),
      sampler_(observe::system_proc_sampler_options()),
      selector_(settings_.observe.metrics) {
  if (settings_.observe.scan_logs) {
    if (settings_.stdout_log) {
      stdout_follower_.emplace(*settings_.stdout_log);
      stdout_scanner_.emplace(reports_);
    }
    if (settings_.stderr_log) {
      stderr_follower_.emplace(*settings_.stderr_log);
      stderr_scanner_.emplace(reports_);
    }
  }
  thread_ = std::thread([this] { run(); });
}

TargetObserver::~TargetObserver() { stop(); }

void TargetObserver::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TargetObserver::run() {
  for (std::int64_t k = 0;; ++k) {
    const Clock::time_point due = epoch_ + settings_.observe.interval * k;
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, due, [&] { return stopping_; })) break;
    lock.unlock();
    observe_once(seconds(due - epoch_), false);
  }
  observe_once(std::max(0.0, seconds(Clock::now() - epoch_)), true);
}

void TargetObserver::observe_once(double t_s, bool last) {
  result::TargetPoint point;
  point.t_s = t_s;
  if (const int pid = pid_.load(); pid > 0) {
    const observe::ProcessTreeSample sample = sampler_.sample(pid);
    const Clock::time_point now = Clock::now();
    point.processes = sample.processes;
    point.threads = sample.threads;
    point.fds = sample.open_fds;
    point.rss_bytes = sample.rss_bytes;
    if (sample.processes > 0) last_rss_bytes_.store(sample.rss_bytes);
    {
      std::lock_guard lock(levels_mutex_);
      last_levels_ = sample.processes > 0 ? std::optional(Levels{sample.threads, sample.open_fds, sample.rss_bytes})
                                          : std::nullopt;
    }
    // A new process (after a restart) starts its counters again: no rate across the change.
    if (previous_ && previous_->processes > 0 && sample.processes > 0 && sample.cpu_s >= previous_->cpu_s) {
      point.cpu_percent = observe::cpu_percent(*previous_, previous_at_, sample, now);
      const std::uint64_t switches = sample.voluntary_context_switches + sample.involuntary_context_switches;
      const std::uint64_t before = previous_->voluntary_context_switches + previous_->involuntary_context_switches;
      point.context_switches = switches >= before ? switches - before : 0;
    }
    previous_ = sample;
    previous_at_ = now;
  } else {
    previous_.reset();
    std::lock_guard lock(levels_mutex_);
    last_levels_.reset();
  }
  if (settings_.memory_status) {
    if (const auto status = settings_.memory_status()) point.cgroup_memory_bytes = status->usage_bytes;
  }
  if (!settings_.observe.prometheus_path.empty() && point.processes > 0) {
    const observe::ScrapeResult scrape = observe::scrape_prometheus(
        settings_.address, settings_.observe.prometheus_path, {scrape_timeout(settings_.observe.interval)});
    if (scrape.ok()) {
      for (const observe::SeriesValue& value : selector_.select(scrape.text)) {
        metrics_[value.series].push_back({t_s, value.value});
        if (value.series == "go_goroutines") point.goroutines = value.value;
      }
    } else {
      ++scrape_errors_;
      last_scrape_error_ = scrape.error;
    }
  }
  series_.push_back(point);
  scan_logs(t_s, last);
}

void TargetObserver::scan_logs(double t_s, bool last) {
  const auto scan = [&](std::optional<observe::FileFollower>& follower, std::optional<observe::LogScanner>& scanner) {
    if (!follower) return;
    // The last time, everything that is left (bounded per read, so loop until it is drained).
    for (std::string chunk = follower->read_new(); !chunk.empty(); chunk = follower->read_new()) {
      scanner->feed(chunk, t_s);
      if (!last) break;
    }
    if (last) scanner->finish();
  };
  scan(stdout_follower_, stdout_scanner_);
  scan(stderr_follower_, stderr_scanner_);
}

void TargetObserver::take_results(result::RunResult& result) {
  result.target_series = std::move(series_);
  result.metrics = std::move(metrics_);
  result.scrape_errors = scrape_errors_;
  result.last_scrape_error = last_scrape_error_;
  result.logs.reports = reports_.reports();
  result.logs.total = reports_.total();
  result.logs.dropped = reports_.dropped();
}

}  // namespace faultline::engine
