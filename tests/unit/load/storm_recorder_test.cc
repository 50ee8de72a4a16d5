#include "harness/load/storm_recorder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using Clock = StormRecorder::Clock;

const Clock::time_point kT0 = Clock::time_point(std::chrono::hours(1));

TEST(StormRecorder, EventsBeforeMeasuringCountOnlyInTheInterval) {
  StormRecorder recorder;
  recorder.connect_started();
  recorder.connect_failed(ConnectionError::refused);
  recorder.start_measuring();
  recorder.connect_started();
  const StormStats interval = recorder.take_interval();
  EXPECT_EQ(interval.counts.connect_attempts, 2u);
  EXPECT_EQ(interval.counts.connect_failure_total(), 1u);
  EXPECT_EQ(recorder.measured().counts.connect_attempts, 1u);
  EXPECT_EQ(recorder.measured().counts.connect_failure_total(), 0u);
}

TEST(StormRecorder, ConnectionsOpenFollowConnectsAndEnds) {
  StormRecorder recorder;
  recorder.start_measuring();
  recorder.connected(kT0, kT0 + milliseconds(3), false);
  recorder.connected(kT0, kT0 + milliseconds(5), true);
  recorder.connected(kT0, kT0 + milliseconds(7), false);
  recorder.disconnected(ConnectionError::reset);
  recorder.closed();
  EXPECT_EQ(recorder.connected_now(), 1u);
  const StormStats interval = recorder.take_interval();
  EXPECT_EQ(interval.counts.connects, 3u);
  EXPECT_EQ(interval.counts.reconnects, 1u);
  EXPECT_EQ(interval.counts.disconnect_total(), 1u);
  EXPECT_EQ(interval.counts.closed, 1u);
  EXPECT_EQ(interval.connected.last, 1u);
  EXPECT_EQ(interval.connected.peak, 3u);
  EXPECT_EQ(interval.connect_latency_us.count(), 3u);
  EXPECT_EQ(interval.connect_latency_us.max(), 7000u);
}

TEST(StormRecorder, TheNextIntervalStartsAtTheCurrentLevel) {
  StormRecorder recorder;
  recorder.connected(kT0, kT0, false);
  recorder.connected(kT0, kT0, false);
  recorder.take_interval();
  const StormStats quiet = recorder.take_interval();
  EXPECT_EQ(quiet.counts.connects, 0u);
  EXPECT_EQ(quiet.connected.last, 2u);
  EXPECT_EQ(quiet.connected.peak, 2u);
}

TEST(StormRecorder, ClosesAtTheWindowsEndKeepTheLevelTheLoadHeld) {
  StormRecorder recorder;
  recorder.start_measuring();
  recorder.connected(kT0, kT0, false);
  recorder.connected(kT0, kT0, false);
  recorder.window_ended();
  recorder.closed();
  recorder.closed();
  const StormStats ending = recorder.take_interval();
  EXPECT_EQ(ending.counts.closed, 2u);
  EXPECT_EQ(ending.connected.last, 2u);
  EXPECT_EQ(recorder.measured().counts.closed, 2u);
  EXPECT_EQ(recorder.measured().connected.last, 2u);
  // The interval after the window follows the level again.
  EXPECT_EQ(recorder.take_interval().connected.last, 0u);
}

// The fake clock of the tests that time events.
Clock::time_point fake_now = kT0;
Clock::time_point read_fake_now() { return fake_now; }

// A recorder on the fake clock, which reads `now`, whose interval under way ends at kT0 + 500 ms.
StormRecorder recorder_ending_at_500ms(Clock::time_point now) {
  fake_now = now;
  StormRecorder recorder(&read_fake_now);
  recorder.interval_ends_at(kT0 + milliseconds(500));
  return recorder;
}

TEST(StormRecorder, AnEventAfterTheIntervalsEndCountsInTheNextOneHoweverLateTheRoll) {
  StormRecorder recorder = recorder_ending_at_500ms(kT0);
  recorder.start_measuring();
  recorder.connected(kT0, kT0 + milliseconds(100), false);
  recorder.connected(kT0, kT0 + milliseconds(200), false);
  fake_now = kT0 + milliseconds(499);
  recorder.message_sent();
  // A fault on the boundary: the connections end before the worker's timer rolls the interval.
  fake_now = kT0 + milliseconds(500);
  recorder.disconnected(ConnectionError::reset);
  fake_now = kT0 + milliseconds(503);
  recorder.disconnected(ConnectionError::eof);
  recorder.connect_started();

  const StormStats before = recorder.take_interval();
  EXPECT_EQ(before.counts.connects, 2u);
  EXPECT_EQ(before.counts.messages_sent, 1u);
  EXPECT_EQ(before.counts.disconnect_total(), 0u);
  EXPECT_EQ(before.counts.connect_attempts, 0u);
  EXPECT_EQ(before.connected.last, 2u);

  const StormStats after = recorder.take_interval();
  EXPECT_EQ(after.counts.disconnect_total(), 2u);
  EXPECT_EQ(after.counts.connect_attempts, 1u);
  EXPECT_EQ(after.connected.peak, 2u);  // it began with both connections open
  EXPECT_EQ(after.connected.last, 0u);
  EXPECT_EQ(recorder.measured().counts.disconnect_total(), 2u);
}

TEST(StormRecorder, WithoutAnEndTheIntervalLastsUntilItIsTaken) {
  StormRecorder recorder = recorder_ending_at_500ms(kT0 + std::chrono::hours(1));
  recorder.take_interval();  // the worker rolled first: the end it had given is done with
  recorder.connect_started();
  const std::vector<StormStats> last = recorder.take_last_intervals();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].counts.connect_attempts, 1u);
}

TEST(StormRecorder, TheWindowsClosingCountsInTheIntervalItEndsInEvenPastItsEnd) {
  StormRecorder recorder = recorder_ending_at_500ms(kT0);
  recorder.connected(kT0, kT0 + milliseconds(100), false);
  recorder.window_ended();
  fake_now = kT0 + milliseconds(600);
  recorder.closed();
  const std::vector<StormStats> last = recorder.take_last_intervals();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].counts.closed, 1u);
  EXPECT_EQ(last[0].connected.last, 1u);
}

TEST(StormRecorder, AStopPastAnEndNotYetRolledEndsTheWindowInTheNextInterval) {
  StormRecorder recorder = recorder_ending_at_500ms(kT0);
  recorder.connected(kT0, kT0 + milliseconds(100), false);
  // The run is stopped after the boundary, before the worker's timer rolled it, with no event since.
  fake_now = kT0 + milliseconds(520);
  recorder.window_ended();
  recorder.closed();
  const std::vector<StormStats> last = recorder.take_last_intervals();
  ASSERT_EQ(last.size(), 2u);
  EXPECT_EQ(last[0].counts.connects, 1u);
  EXPECT_EQ(last[0].counts.closed, 0u);
  EXPECT_EQ(last[0].connected.last, 1u);
  EXPECT_EQ(last[1].counts.closed, 1u);
  EXPECT_EQ(last[1].connected.last, 1u);  // the level the load held when it was stopped
}

TEST(StormRecorder, MessagesRepliesAndPushes) {
  StormRecorder recorder;
  recorder.message_sent();
  recorder.send_skipped();
  recorder.reply_matched(milliseconds(2));
  recorder.push_received(milliseconds(4));
  recorder.push_received(std::nullopt);
  recorder.message_unmatched();
  const StormStats interval = recorder.take_interval();
  EXPECT_EQ(interval.counts.messages_sent, 1u);
  EXPECT_EQ(interval.counts.sends_skipped, 1u);
  EXPECT_EQ(interval.counts.messages_received, 4u);
  EXPECT_EQ(interval.counts.replies_matched, 1u);
  EXPECT_EQ(interval.counts.pushes_received, 2u);
  EXPECT_EQ(interval.round_trip_us.max(), 2000u);
  EXPECT_EQ(interval.push_latency_us.count(), 1u);
  EXPECT_EQ(interval.push_latency_us.max(), 4000u);
}

TEST(StormRecorder, EventIdGapsCountTheJumpsAndTheIdsSkipped) {
  StormRecorder recorder;
  recorder.event_id_gap(3);
  recorder.start_measuring();
  recorder.event_id_gap(0);
  const StormStats interval = recorder.take_interval();
  EXPECT_EQ(interval.counts.event_id_gaps, 2u);
  EXPECT_EQ(interval.counts.event_ids_skipped, 3u);
  EXPECT_EQ(recorder.measured().counts.event_id_gaps, 1u);
  EXPECT_EQ(recorder.measured().counts.event_ids_skipped, 0u);
}

TEST(StormRecorder, KeepsOutagesUpToItsBound) {
  StormRecorder recorder;
  const ClientOutage outage{7, kT0, kT0 + milliseconds(1)};
  for (std::size_t i = 0; i < StormRecorder::kMaxOutages + 3; ++i) recorder.outage(outage);
  EXPECT_EQ(recorder.outages().size(), StormRecorder::kMaxOutages);
  EXPECT_EQ(recorder.outages_not_kept(), 3u);
  EXPECT_EQ(recorder.outages().front().client, 7u);
}

}  // namespace
}  // namespace faultline::load
