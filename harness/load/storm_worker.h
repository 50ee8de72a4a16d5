// One thread of a connection-level load generator (TCP churn, WebSocket clients): its own
// io_context and StormRecorder, a load that opens connections during the generator's window,
// and the series intervals handed to the coordinator through a small mailbox, as HttpWorker
// does. Workers share nothing while running; every loop ends by the run's end.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "harness/load/reconnect_times.h"
#include "harness/load/storm_recorder.h"
#include "harness/load/storm_stats.h"
#include "harness/load/worker_thread.h"

namespace faultline::load {

// What a StormWorker runs during its window, on the worker's thread.
class StormLoad {
 public:
  virtual ~StormLoad() = default;
  // The window opens: start connecting.
  virtual void begin() = 0;
  // The window is over, or the run was stopped: start nothing new and close every connection.
  // Closing may take a few more event-loop turns, each bounded by a deadline.
  virtual void end() = 0;
};

// Where the worker sits on the run's timeline.
struct StormSchedule {
  using Clock = std::chrono::steady_clock;

  Clock::time_point epoch;           // t = 0 of the run
  std::chrono::nanoseconds start{};  // the generator's window on the run's timeline
  std::chrono::nanoseconds length{};
  std::chrono::nanoseconds run_length{};  // intervals are reported until then, even after the window
  std::chrono::nanoseconds warmup{};      // events before it are not in measured()
  std::chrono::nanoseconds interval{};    // width of one series interval
};

// One worker's figures for series interval `index` ([index, index+1) * interval from t = 0). In
// the interval the generator's window ends in, connected.last is the level when it ended.
struct StormInterval {
  std::uint64_t index = 0;
  StormStats stats;
};

class StormWorker {
 public:
  using Clock = std::chrono::steady_clock;
  // Builds the load on the worker's io_context, reporting to its recorder (called once, by the
  // constructor, so set-up errors are thrown there).
  using LoadFactory = std::function<std::unique_ptr<StormLoad>(boost::asio::io_context&, StormRecorder&)>;

  StormWorker(StormSchedule schedule, const LoadFactory& make_load);
  ~StormWorker();
  StormWorker(const StormWorker&) = delete;
  StormWorker& operator=(const StormWorker&) = delete;

  // Starts the thread; it waits for the window, runs it, reports every interval of the run and
  // ends by itself at the run's end.
  void start();
  // Ends the run early (thread-safe): the load ends, the interval under way is reported.
  // Idempotent.
  void request_stop();
  // Waits for the thread; forces its event loop to stop if it has not ended by `deadline`.
  void join(Clock::time_point deadline);

  // Thread-safe: the intervals completed since the last call.
  std::vector<StormInterval> take_intervals();
  // After join(): everything after warm-up.
  const StormStats& measured() const { return recorder_.measured(); }
  // After join(): every client outage, for summarize_reconnects().
  std::span<const ClientOutage> outages() const { return recorder_.outages(); }
  std::uint64_t outages_not_kept() const { return recorder_.outages_not_kept(); }

 private:
  void run();
  void end_window();
  void finish();
  void arm_interval_roll();
  void roll_interval();
  void post_interval(StormStats stats);  // as interval interval_index_, the next
  Clock::time_point window_end() const { return schedule_.epoch + schedule_.start + schedule_.length; }

  StormSchedule schedule_;
  StormRecorder recorder_;  // outlives the io_context and the load, which report to it
  boost::asio::io_context io_{1};
  std::unique_ptr<StormLoad> load_;              // destroyed before the io_context: no handler runs after
  boost::asio::steady_timer window_timer_{io_};  // start, then end, of the window
  boost::asio::steady_timer warmup_timer_{io_};
  boost::asio::steady_timer interval_timer_{io_};  // series interval boundaries
  bool ended_ = false;                             // the window is over (or was cancelled)
  bool finished_run_ = false;                      // the run is over: the last interval has been reported
  std::uint64_t interval_index_ = 0;

  IntervalMailbox<StormInterval> mailbox_;
  WorkerThread thread_{io_};
};

}  // namespace faultline::load
