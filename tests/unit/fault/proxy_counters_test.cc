#include "harness/fault/proxy_counters.h"

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

TEST(ProxyCounters, SinceSubtractsCountersAndKeepsGauges) {
  ProxyCounters earlier;
  earlier.upstream_bytes = 100;
  earlier.connections_accepted = 3;
  earlier.resets_injected = 1;
  earlier.connections_active = 3;
  earlier.buffered_bytes = 50;
  ProxyCounters later = earlier;
  later.upstream_bytes = 250;
  later.connections_accepted = 5;
  later.connections_closed = 4;
  later.connections_active = 1;
  later.buffered_bytes = 10;

  const ProxyCounters interval = later.since(earlier);
  EXPECT_EQ(interval.upstream_bytes, 150u);
  EXPECT_EQ(interval.connections_accepted, 2u);
  EXPECT_EQ(interval.connections_closed, 4u);
  EXPECT_EQ(interval.resets_injected, 0u);
  EXPECT_EQ(interval.connections_active, 1u);
  EXPECT_EQ(interval.buffered_bytes, 10u);
}

TEST(WorkerCounters, SumIntoSnapshotWithActiveConnectionsAndPeak) {
  WorkerCounters first;
  first.connections_accepted.add(3);
  first.connections_closed.add(1);
  first.buffer(100);
  first.buffered_bytes.subtract(60);
  WorkerCounters second;
  second.connections_accepted.add(2);
  second.buffer(10);

  ProxyCounters total;
  first.add_to(total);
  second.add_to(total);
  EXPECT_EQ(total.connections_active, 4u);
  EXPECT_EQ(total.buffered_bytes, 50u);
  EXPECT_EQ(total.buffered_bytes_peak, 110u);
}

}  // namespace
}  // namespace faultline::fault
