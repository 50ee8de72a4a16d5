#include "harness/load/storm_stats.h"

#include <gtest/gtest.h>

namespace faultline::load {
namespace {

StormStats sample() {
  StormStats s;
  s.counts.connect_attempts = 10;
  s.counts.connects = 7;
  s.counts.reconnects = 2;
  s.counts.connects_skipped = 1;
  s.counts.add_connect_failure(ConnectionError::refused);
  s.counts.add_connect_failure(ConnectionError::handshake);
  s.counts.add_disconnect(ConnectionError::reset);
  s.counts.closed = 3;
  s.counts.gave_up = 1;
  s.counts.messages_sent = 20;
  s.counts.sends_skipped = 4;
  s.counts.messages_received = 19;
  s.counts.replies_matched = 15;
  s.counts.pushes_received = 3;
  s.counts.event_id_gaps = 2;
  s.counts.event_ids_skipped = 5;
  s.connect_latency_us.record(100);
  s.round_trip_us.record(200);
  s.push_latency_us.record(300);
  return s;
}

TEST(StormStats, MergeAddsEveryCounterAndHistogram) {
  StormStats a = sample();
  a.merge(sample());
  EXPECT_EQ(a.counts.connect_attempts, 20u);
  EXPECT_EQ(a.counts.connects, 14u);
  EXPECT_EQ(a.counts.reconnects, 4u);
  EXPECT_EQ(a.counts.connects_skipped, 2u);
  EXPECT_EQ(a.counts.connect_failures[static_cast<std::size_t>(ConnectionError::refused)], 2u);
  EXPECT_EQ(a.counts.connect_failure_total(), 4u);
  EXPECT_EQ(a.counts.disconnects[static_cast<std::size_t>(ConnectionError::reset)], 2u);
  EXPECT_EQ(a.counts.disconnect_total(), 2u);
  EXPECT_EQ(a.counts.closed, 6u);
  EXPECT_EQ(a.counts.gave_up, 2u);
  EXPECT_EQ(a.counts.messages_sent, 40u);
  EXPECT_EQ(a.counts.sends_skipped, 8u);
  EXPECT_EQ(a.counts.messages_received, 38u);
  EXPECT_EQ(a.counts.replies_matched, 30u);
  EXPECT_EQ(a.counts.pushes_received, 6u);
  EXPECT_EQ(a.counts.event_id_gaps, 4u);
  EXPECT_EQ(a.counts.event_ids_skipped, 10u);
  EXPECT_EQ(a.connect_latency_us.count(), 2u);
  EXPECT_EQ(a.round_trip_us.count(), 2u);
  EXPECT_EQ(a.push_latency_us.count(), 2u);
}

TEST(StormStats, GaugeTracksLastAndPeak) {
  ConnectedGauge gauge;
  gauge.set(5);
  gauge.set(9);
  gauge.set(2);
  EXPECT_EQ(gauge.last, 2u);
  EXPECT_EQ(gauge.peak, 9u);
}

TEST(StormStats, GaugesOfConcurrentWorkersAddUp) {
  StormStats a;
  a.connected = {3, 8};
  StormStats b;
  b.connected = {4, 5};
  a.merge(b);
  EXPECT_EQ(a.connected.last, 7u);
  EXPECT_EQ(a.connected.peak, 13u);
}

TEST(StormStats, AppendingALaterSpanKeepsItsLevelAndTheHigherPeak) {
  StormStats earlier = sample();
  earlier.connected = {3, 8};
  StormStats later = sample();
  later.connected = {4, 5};
  earlier.append(later);
  EXPECT_EQ(earlier.connected.last, 4u);
  EXPECT_EQ(earlier.connected.peak, 8u);
  EXPECT_EQ(earlier.counts.connects, 14u);
  EXPECT_EQ(earlier.counts.event_ids_skipped, 10u);
  EXPECT_EQ(earlier.round_trip_us.count(), 2u);
}

TEST(StormStats, ResetForgetsEverything) {
  StormStats s = sample();
  s.connected = {3, 8};
  s.reset();
  EXPECT_EQ(s.counts.connect_attempts, 0u);
  EXPECT_EQ(s.counts.connect_failure_total(), 0u);
  EXPECT_EQ(s.counts.event_id_gaps, 0u);
  EXPECT_EQ(s.counts.event_ids_skipped, 0u);
  EXPECT_EQ(s.connected.peak, 0u);
  EXPECT_EQ(s.connect_latency_us.count(), 0u);
  EXPECT_EQ(s.push_latency_us.count(), 0u);
}

}  // namespace
}  // namespace faultline::load
