#include "harness/load/load_stats.h"

#include <gtest/gtest.h>

namespace faultline::load {
namespace {

TEST(LoadStats, MergeAddsEveryCounter) {
  LoadStats a;
  a.counts.sent = 1;
  a.counts.ok = 2;
  a.counts.late = 3;
  a.counts.connects = 4;
  a.counts.add_error(ErrorClass::connect_refused, 5);
  a.latency_us.record(100);
  LoadStats b = a;
  b.merge(a);
  EXPECT_EQ(b.counts.sent, 2u);
  EXPECT_EQ(b.counts.ok, 4u);
  EXPECT_EQ(b.counts.late, 6u);
  EXPECT_EQ(b.counts.connects, 8u);
  EXPECT_EQ(b.counts.errors[static_cast<std::size_t>(ErrorClass::connect_refused)], 10u);
  EXPECT_EQ(b.counts.error_total(), 10u);
  EXPECT_EQ(b.latency_us.count(), 2u);
  b.reset();
  EXPECT_EQ(b.counts.connects, 0u);
  EXPECT_EQ(b.latency_us.count(), 0u);
}

}  // namespace
}  // namespace faultline::load
