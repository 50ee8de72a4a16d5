#include "harness/load/storm_recorder.h"

#include <utility>

namespace faultline::load {

namespace {

std::uint64_t to_microseconds(std::chrono::nanoseconds d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return us > 0 ? static_cast<std::uint64_t>(us) : 0;
}

}  // namespace

void StormRecorder::connected(Clock::time_point started, Clock::time_point now, bool reconnect) {
  close_interval_if_ended(now);
  ++connected_;
  const std::uint64_t latency_us = to_microseconds(now - started);
  add([&](StormStats& s) {
    ++s.counts.connects;
    if (reconnect) ++s.counts.reconnects;
    s.connect_latency_us.record(latency_us);
    s.connected.set(connected_);
  });
}

void StormRecorder::disconnected(ConnectionError cause) {
  close_interval_if_ended();  // before the level drops: the closed interval kept it
  --connected_;
  add([&](StormStats& s) {
    s.counts.add_disconnect(cause);
    s.connected.set(connected_);
  });
}

void StormRecorder::closed() {
  close_interval_if_ended();
  --connected_;
  ++interval_.counts.closed;
  if (!hold_interval_level_) interval_.connected.set(connected_);
  if (!measuring_) return;
  ++measured_.counts.closed;
  if (!hold_measured_level_) measured_.connected.set(connected_);
}

void StormRecorder::reply_matched(Clock::duration round_trip) {
  const std::uint64_t round_trip_us = to_microseconds(round_trip);
  tally([&](StormStats& s) {
    ++s.counts.messages_received;
    ++s.counts.replies_matched;
    s.round_trip_us.record(round_trip_us);
  });
}

void StormRecorder::push_received(std::optional<std::chrono::nanoseconds> latency) {
  tally([&](StormStats& s) {
    ++s.counts.messages_received;
    ++s.counts.pushes_received;
    if (latency) s.push_latency_us.record(to_microseconds(*latency));
  });
}

void StormRecorder::outage(const ClientOutage& outage) {
  if (outages_.size() >= kMaxOutages) {
    ++outages_not_kept_;
    return;
  }
  outages_.push_back(outage);
}

void StormRecorder::start_measuring() {
  if (measuring_) return;
  measuring_ = true;
  measured_.connected.set(connected_);
}

void StormRecorder::close_interval_if_ended(Clock::time_point now) {
  if (now < closes_at_) return;
  closes_at_ = kNever;
  closed_.emplace(std::move(interval_));
  start_interval();
}

void StormRecorder::start_interval() {
  interval_ = StormStats{};
  interval_.connected.set(connected_);
  hold_interval_level_ = false;
}

StormStats StormRecorder::take_interval() {
  closes_at_ = kNever;
  if (closed_) {
    StormStats done = std::move(*closed_);
    closed_.reset();
    return done;
  }
  StormStats done = std::move(interval_);
  start_interval();
  return done;
}

std::vector<StormStats> StormRecorder::take_last_intervals() {
  std::vector<StormStats> last;
  if (closed_) last.push_back(take_interval());
  last.push_back(take_interval());
  return last;
}

}  // namespace faultline::load
