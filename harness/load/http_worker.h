// One thread of an HTTP load generator: its own io_context, its share of the connections and
// of the arrival stream, and its own statistics. Workers share nothing while running; every
// interval each hands its counts and histograms to the coordinator through a small mailbox.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "harness/load/arrival_schedule.h"
#include "harness/load/load_stats.h"
#include "harness/load/open_model_queue.h"
#include "harness/load/request_mix.h"
#include "harness/load/worker_thread.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class HttpConnection;

// Everything one worker needs, fixed at set-up.
struct WorkerPlan {
  using Clock = std::chrono::steady_clock;
  using Duration = scenario::Duration;

  scenario::LoadModel model = scenario::LoadModel::closed;
  unsigned index = 0;        // this worker is `index` of `count`
  unsigned count = 1;
  unsigned connections = 1;  // this worker's share
  bool keepalive = true;     // false: a new connection per request
  boost::asio::ip::tcp::endpoint endpoint;
  std::shared_ptr<const RequestMix> mix;
  std::shared_ptr<const ArrivalSchedule> schedule;  // open model only
  Clock::time_point epoch;   // t = 0 of the run
  Duration start{};          // the generator's window on the run timeline
  Duration length{};
  Duration run_length{};     // the worker reports intervals until then, even after its window
  Duration warmup{};         // responses completing before this are not in the summary
  Duration interval{};       // width of one series interval
  Duration timeout{};        // per request
  Duration connect_timeout{};
  std::uint64_t seed = 1;    // for {rand:N} and the request mix
};

// One worker's figures for series interval `index` ([index, index+1) * interval from t = 0).
struct IntervalStats {
  std::uint64_t index = 0;
  LoadStats stats;
};

class HttpWorker {
 public:
  using Clock = std::chrono::steady_clock;

  explicit HttpWorker(WorkerPlan plan);
  ~HttpWorker();
  HttpWorker(const HttpWorker&) = delete;
  HttpWorker& operator=(const HttpWorker&) = delete;

  // Starts the thread; it waits for the generator's window, runs it, reports every interval
  // of the run, and ends by itself at the run's end.
  void start();
  // Ends the run early (thread-safe): load stops, the interval under way is reported.
  // Idempotent.
  void request_stop();
  // Waits for the thread; forces its event loop to stop if it has not ended by `deadline`.
  void join(Clock::time_point deadline);

  // Thread-safe: the intervals completed since the last call.
  std::vector<IntervalStats> take_intervals();
  // After join(): everything that completed after warm-up.
  const LoadStats& measured() const { return measured_; }

  // --- for HttpConnection (worker thread only) ---
  boost::asio::io_context& io() { return io_; }
  const boost::asio::ip::tcp::endpoint& endpoint() const { return plan_.endpoint; }
  const RequestMix& mix() const { return *plan_.mix; }
  MixRng& rng() { return rng_; }
  std::uint64_t next_sequence();
  scenario::Duration timeout() const { return plan_.timeout; }
  scenario::Duration connect_timeout() const { return plan_.connect_timeout; }
  bool keepalive() const { return plan_.keepalive; }
  // `connection` can take a request: connected and idle, or closed without keep-alive.
  void on_connection_ready(HttpConnection& connection);
  void record_connect();
  void record_sent();
  void record_response(int status_code, Clock::time_point latency_origin, Clock::time_point now);
  void record_error(ErrorClass error);

 private:
  void run();
  void begin_window();
  void end_window();
  void finish();
  void arm_arrivals();
  void on_arrivals_due();
  void send_open(HttpConnection& connection, const OpenModelQueue::Arrival& arrival);
  void arm_interval_roll();
  void roll_interval();
  void arm_deadline_sweep();
  bool measuring(Clock::time_point now) const { return now >= warmup_end_; }
  // Applies `count` to the interval under way and, after warm-up, to the measured totals.
  template <class Count>
  void tally(Clock::time_point now, Count&& count) {
    count(interval_);
    if (measuring(now)) count(measured_);
  }
  scenario::Duration since_start(Clock::time_point now) const { return now - window_start_; }

  WorkerPlan plan_;
  boost::asio::io_context io_{1};
  boost::asio::steady_timer window_timer_{io_};    // start, then end, of the window
  boost::asio::steady_timer arrival_timer_{io_};   // open model: next intended arrival
  boost::asio::steady_timer interval_timer_{io_};  // series interval boundaries
  boost::asio::steady_timer sweep_timer_{io_};     // request and connect deadlines
  Clock::time_point window_start_;
  Clock::time_point window_end_;
  Clock::time_point warmup_end_;
  bool active_ = false;  // inside the window: sending
  bool ended_ = false;     // the window is over (or was cancelled): no load timer may be re-armed
  bool finished_run_ = false;  // the run is over: the last interval has been reported
  std::vector<std::shared_ptr<HttpConnection>> connections_;
  std::vector<HttpConnection*> idle_;               // open model: ready (see on_connection_ready)
  std::optional<OpenModelQueue> arrivals_;          // open model
  MixRng rng_;
  std::uint64_t sequence_ = 0;
  std::uint64_t interval_index_ = 0;
  LoadStats interval_;                              // the interval under way
  LoadStats measured_;                              // after warm-up

  IntervalMailbox<IntervalStats> mailbox_;
  WorkerThread thread_{io_};
};

}  // namespace faultline::load
