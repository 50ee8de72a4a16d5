#include "harness/load/storm_worker.h"

#include <boost/asio/post.hpp>
#include <utility>

namespace faultline::load {

namespace asio = boost::asio;

StormWorker::StormWorker(StormSchedule schedule, const LoadFactory& make_load)
    : schedule_(schedule), load_(make_load(io_, recorder_)) {}

StormWorker::~StormWorker() {
  if (thread_.started()) {
    request_stop();
    join(Clock::now() + std::chrono::seconds(2));
  }
}

void StormWorker::start() {
  thread_.start([this] { run(); });
}

void StormWorker::request_stop() {
  asio::post(io_, [this] { finish(); });
}

void StormWorker::join(Clock::time_point deadline) { thread_.join(deadline); }

std::vector<StormInterval> StormWorker::take_intervals() { return mailbox_.take(); }

void StormWorker::run() {
  warmup_timer_.expires_at(schedule_.epoch + schedule_.warmup);
  warmup_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) recorder_.start_measuring();
  });
  window_timer_.expires_at(schedule_.epoch + schedule_.start);
  window_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || ended_) return;
    // Timers of equal expiry run in either order. Warm-up ending as the window opens: the
    // window's first attempts are measured. A window opening on an interval boundary may begin
    // before that boundary's roll: its events still count in the interval it opens, as the
    // recorder times them.
    if (schedule_.warmup <= schedule_.start) recorder_.start_measuring();
    load_->begin();
    window_timer_.expires_at(window_end());
    window_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) end_window();
    });
  });
  arm_interval_roll();
  io_.run();
}

void StormWorker::end_window() {
  if (ended_) return;
  ended_ = true;
  window_timer_.cancel();
  recorder_.window_ended();
  load_->end();
}

void StormWorker::finish() {
  if (finished_run_) return;
  finished_run_ = true;
  end_window();
  warmup_timer_.cancel();
  interval_timer_.cancel();
  for (StormStats& stats : recorder_.take_last_intervals()) post_interval(std::move(stats));
}

void StormWorker::arm_interval_roll() {
  // Signed arithmetic: an unsigned factor would make the duration unsigned.
  const Clock::time_point boundary =
      schedule_.epoch + schedule_.interval * static_cast<std::int64_t>(interval_index_ + 1);
  const Clock::time_point run_end = schedule_.epoch + schedule_.run_length;
  if (boundary >= run_end) {
    // The run's last interval ends with the run, however long it is.
    interval_timer_.expires_at(run_end);
    interval_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) finish();
    });
    return;
  }
  // Inside the window, the recorder closes the interval by the time of its events, whenever this
  // timer runs. The interval the window ends in is closed here, after the window's closing.
  if (boundary < window_end()) recorder_.interval_ends_at(boundary);
  interval_timer_.expires_at(boundary);
  interval_timer_.async_wait([this, boundary](const boost::system::error_code& ec) {
    if (ec || finished_run_) return;
    // A window closing on this boundary expires with it, in either order: closed first, its
    // closes and the level it held count in the interval it ends, not in the next.
    if (window_end() <= boundary) end_window();
    roll_interval();
    arm_interval_roll();
  });
}

void StormWorker::roll_interval() { post_interval(recorder_.take_interval()); }

void StormWorker::post_interval(StormStats stats) {
  StormInterval done{interval_index_++, std::move(stats)};
  mailbox_.post(std::move(done));
}

}  // namespace faultline::load
