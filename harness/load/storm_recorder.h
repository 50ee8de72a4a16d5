// Where one worker's connection-level events land: the series interval under way, the totals
// after warm-up, the number of connections open and each client's outages. Owned by the
// worker's thread; connection objects report to it as things happen.
//
// An event counts in the interval its time falls in, not the one that happens to be open on the
// worker: the worker's timer may run late, after events of the next interval (a fault applied
// by another thread on a boundary drops connections whose ends arrive first). So the interval
// under way closes at the first event at or after its end, and the worker's roll then hands
// over that closed interval.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/load/connection_error.h"
#include "harness/load/reconnect_times.h"
#include "harness/load/storm_stats.h"

namespace faultline::load {

class StormRecorder {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = Clock::time_point (*)();

  // `now`: the clock events are timed by (a fake one in tests).
  explicit StormRecorder(Now now = &steady_now) : now_(now) {}

  // Outage records kept per worker (a record is 40 bytes); later ones are counted, not kept.
  static constexpr std::size_t kMaxOutages = std::size_t{1} << 18;

  // --- events ---
  void connect_started() {
    tally([](StormStats& s) { ++s.counts.connect_attempts; });
  }
  // An attempt that began at `started` is established at `now`; `reconnect`: the client had
  // lost an earlier connection.
  void connected(Clock::time_point started, Clock::time_point now, bool reconnect);
  void connect_failed(ConnectionError error) {
    tally([&](StormStats& s) { s.counts.add_connect_failure(error); });
  }
  void connect_skipped() {
    tally([](StormStats& s) { ++s.counts.connects_skipped; });
  }
  // An established connection ended without faultline closing it.
  void disconnected(ConnectionError cause);
  // faultline closed an established connection.
  void closed();
  // The load's window is over and faultline closes its connections: the interval under way and
  // the measured totals keep the level of connections open now (what the load held), not the
  // zero those closes leave. The closing counts in that interval until the worker takes it, even
  // past its end; the next interval follows the level again.
  void window_ended() {
    close_interval_if_ended();  // a window ended early, after an end the worker has not rolled yet
    hold_interval_level_ = hold_measured_level_ = true;
    closes_at_ = kNever;
  }
  void gave_up() {
    tally([](StormStats& s) { ++s.counts.gave_up; });
  }
  void message_sent() {
    tally([](StormStats& s) { ++s.counts.messages_sent; });
  }
  void send_skipped() {
    tally([](StormStats& s) { ++s.counts.sends_skipped; });
  }
  // A message arrived that is neither a matched reply nor a push.
  void message_unmatched() {
    tally([](StormStats& s) { ++s.counts.messages_received; });
  }
  void reply_matched(Clock::duration round_trip);
  // A pushed message; `latency` when it carried its publish time.
  void push_received(std::optional<std::chrono::nanoseconds> latency);
  // An SSE event's id was not the one after the previous event's; `skipped`: the ids jumped
  // over (0 when the id repeated or went back).
  void event_id_gap(std::uint64_t skipped) {
    tally([&](StormStats& s) {
      ++s.counts.event_id_gaps;
      s.counts.event_ids_skipped += skipped;
    });
  }
  void outage(const ClientOutage& outage);

  // From now on events also count in measured() (the end of warm-up). Idempotent.
  void start_measuring();

  // The interval under way ends at `end`: the first event at or after it closes the interval
  // and starts the next. Until then (and without a call) the interval lasts until
  // take_interval().
  void interval_ends_at(Clock::time_point end) { closes_at_ = end; }

  // Hands over the interval that closed at its end if one did (the next one, under way, goes
  // on), else the interval under way, and starts the next. An interval starts at the level of
  // connections open then.
  StormStats take_interval();
  // At the end of the run: the interval that closed at its end if one waits, then the one under
  // way.
  std::vector<StormStats> take_last_intervals();

  // Everything since start_measuring().
  const StormStats& measured() const { return measured_; }
  std::uint64_t connected_now() const { return connected_; }
  // Every outage that ended (or was still under way when the load ended), in order of its end.
  std::span<const ClientOutage> outages() const { return outages_; }
  std::uint64_t outages_not_kept() const { return outages_not_kept_; }

 private:
  static constexpr Clock::time_point kNever = Clock::time_point::max();
  static Clock::time_point steady_now() { return Clock::now(); }

  // An event happening now counts in the interval under way and, after warm-up, the totals.
  template <class Count>
  void tally(Count&& count) {
    close_interval_if_ended();
    add(count);
  }
  template <class Count>
  void add(Count&& count) {
    count(interval_);
    if (measuring_) count(measured_);
  }
  // For an event happening now; the clock is read only while an interval end is pending (inside
  // the load's window: a call through now_, some 25 ns an event).
  void close_interval_if_ended() {
    if (closes_at_ != kNever) close_interval_if_ended(now_());
  }
  // For an event at `now`.
  void close_interval_if_ended(Clock::time_point now);
  void start_interval();

  Now now_;
  Clock::time_point closes_at_ = kNever;  // end of the interval under way, when the worker said
  std::optional<StormStats> closed_;      // closed at its end, not yet taken
  StormStats interval_;
  StormStats measured_;
  bool measuring_ = false;
  bool hold_interval_level_ = false;  // see window_ended()
  bool hold_measured_level_ = false;
  std::uint64_t connected_ = 0;
  std::vector<ClientOutage> outages_;
  std::uint64_t outages_not_kept_ = 0;
};

}  // namespace faultline::load
