#include "harness/load/http_worker.h"

#include <boost/asio/post.hpp>

#include "harness/load/http_connection.h"

namespace faultline::load {

namespace asio = boost::asio;

namespace {
// Request and connect deadlines are enforced by a sweep rather than a timer per request (a
// timer per request would re-arm the kernel timer on every send). This is their resolution.
constexpr auto kDeadlineSweep = std::chrono::milliseconds(10);

std::uint64_t to_microseconds(std::chrono::steady_clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return us > 0 ? static_cast<std::uint64_t>(us) : 0;
}
}  // namespace

HttpWorker::HttpWorker(WorkerPlan plan) : plan_(std::move(plan)), rng_(plan_.seed) {
  window_start_ = plan_.epoch + plan_.start;
  window_end_ = window_start_ + plan_.length;
  warmup_end_ = plan_.epoch + plan_.warmup;
  // {seq} is unique across the generator: worker k of T numbers k, k + T, k + 2T, ...
  sequence_ = plan_.index;
}

HttpWorker::~HttpWorker() {
  if (thread_.started()) {
    request_stop();
    join(Clock::now() + std::chrono::seconds(2));
  }
}

void HttpWorker::start() {
  thread_.start([this] { run(); });
}

void HttpWorker::request_stop() {
  asio::post(io_, [this] { finish(); });
}

void HttpWorker::join(Clock::time_point deadline) { thread_.join(deadline); }

std::vector<IntervalStats> HttpWorker::take_intervals() { return mailbox_.take(); }

void HttpWorker::run() {
  connections_.reserve(plan_.connections);
  for (unsigned i = 0; i < plan_.connections; ++i) {
    connections_.push_back(std::make_shared<HttpConnection>(*this, io_));
  }
  if (plan_.model == scenario::LoadModel::open) {
    arrivals_.emplace(*plan_.schedule, plan_.index, plan_.count, plan_.timeout);
  }
  window_timer_.expires_at(window_start_);
  window_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !ended_) begin_window();
  });
  arm_interval_roll();
  io_.run();
}

void HttpWorker::begin_window() {
  active_ = true;
  for (auto& connection : connections_) connection->start();
  if (arrivals_) arm_arrivals();
  arm_deadline_sweep();
  window_timer_.expires_at(window_end_);
  window_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) end_window();
  });
}

void HttpWorker::end_window() {
  if (ended_) return;
  ended_ = true;
  active_ = false;
  if (arrivals_) arrivals_->drop_remaining();  // counted by the final roll_interval()
  for (auto& connection : connections_) connection->shut_down();
  connections_.clear();
  idle_.clear();
  window_timer_.cancel();
  arrival_timer_.cancel();
  sweep_timer_.cancel();
}

void HttpWorker::finish() {
  if (finished_run_) return;
  finished_run_ = true;
  end_window();
  interval_timer_.cancel();
  roll_interval();
}

std::uint64_t HttpWorker::next_sequence() {
  const std::uint64_t n = sequence_;
  sequence_ += plan_.count;
  return n;
}

void HttpWorker::on_connection_ready(HttpConnection& connection) {
  if (!active_) return;
  if (!arrivals_) {
    connection.send(Clock::now());
    return;
  }
  const Clock::time_point now = Clock::now();
  if (auto arrival = arrivals_->pop(since_start(now))) {
    send_open(connection, *arrival);
  } else {
    idle_.push_back(&connection);
  }
}

void HttpWorker::send_open(HttpConnection& connection, const OpenModelQueue::Arrival& arrival) {
  const Clock::time_point now = Clock::now();
  const Clock::time_point intended = window_start_ + arrival.intended;
  const std::uint64_t lag_us = to_microseconds(now - intended);
  tally(now, [&](LoadStats& stats) {
    stats.schedule_lag_us.record(lag_us);
    if (arrival.late) ++stats.counts.late;
  });
  // Latency runs from the intended send time, so time spent waiting for a connection counts.
  connection.send(intended);
}

void HttpWorker::arm_arrivals() {
  const auto next = arrivals_->next_due();
  if (!next) return;
  arrival_timer_.expires_at(window_start_ + *next);
  arrival_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec && !ended_) on_arrivals_due();
  });
}

void HttpWorker::on_arrivals_due() {
  const Clock::time_point now = Clock::now();
  arrivals_->release_due(since_start(now));
  while (!idle_.empty()) {
    const auto arrival = arrivals_->pop(since_start(now));
    if (!arrival) break;
    HttpConnection* connection = idle_.back();
    idle_.pop_back();
    send_open(*connection, *arrival);
  }
  if (arrivals_->backlog() > 0) arrivals_->mark_waiting();
  arm_arrivals();
}

void HttpWorker::record_connect() {
  tally(Clock::now(), [](LoadStats& stats) { ++stats.counts.connects; });
}

void HttpWorker::record_sent() {
  tally(Clock::now(), [](LoadStats& stats) { ++stats.counts.sent; });
}

void HttpWorker::record_response(int status_code, Clock::time_point latency_origin, Clock::time_point now) {
  const std::uint64_t latency_us = to_microseconds(now - latency_origin);
  const auto failure = classify_status(status_code);
  tally(now, [&](LoadStats& stats) {
    stats.latency_us.record(latency_us);
    if (failure) {
      stats.counts.add_error(*failure);
    } else {
      ++stats.counts.ok;
    }
  });
}

void HttpWorker::record_error(ErrorClass error) {
  if (!active_) return;  // connections closed by the end of the window are not failures
  tally(Clock::now(), [&](LoadStats& stats) { stats.counts.add_error(error); });
}

void HttpWorker::arm_interval_roll() {
  // Signed arithmetic: an unsigned factor would make the duration unsigned.
  const Clock::time_point boundary = plan_.epoch + plan_.interval * static_cast<std::int64_t>(interval_index_ + 1);
  const Clock::time_point run_end = plan_.epoch + plan_.run_length;
  if (boundary >= run_end) {
    // The run's last interval ends with the run, however long it is.
    interval_timer_.expires_at(run_end);
    interval_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) finish();
    });
    return;
  }
  interval_timer_.expires_at(boundary);
  interval_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || finished_run_) return;
    roll_interval();
    arm_interval_roll();
  });
}

void HttpWorker::roll_interval() {
  if (arrivals_) {
    const std::uint64_t dropped = arrivals_->take_dropped();
    tally(Clock::now(), [&](LoadStats& stats) { stats.counts.add_error(ErrorClass::dropped, dropped); });
  }
  IntervalStats done{interval_index_++, LoadStats{}};
  std::swap(done.stats, interval_);
  mailbox_.post(std::move(done));
}

void HttpWorker::arm_deadline_sweep() {
  sweep_timer_.expires_after(kDeadlineSweep);
  sweep_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || ended_) return;
    const Clock::time_point now = Clock::now();
    for (auto& connection : connections_) connection->enforce_deadline(now);
    if (arrivals_) arrivals_->drop_stale(since_start(now));
    arm_deadline_sweep();
  });
}

}  // namespace faultline::load
