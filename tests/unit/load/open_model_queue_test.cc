// The open model's per-worker queue, driven by a fake clock (plain offsets): which arrivals
// are due, which count as late, which are dropped.
#include "harness/load/open_model_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using Duration = scenario::Duration;

// 100 arrivals per second for one second: due at 0, 10, 20, ... 990 ms.
ArrivalSchedule hundred_per_second() {
  static const std::vector<scenario::Stage> stages{{std::chrono::seconds(1), 100.0, Duration{}}};
  return ArrivalSchedule(stages);
}

TEST(OpenModelQueue, ReleasesOnlyArrivalsThatAreDue) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(500));
  EXPECT_EQ(queue.next_due(), Duration(0));
  queue.release_due(milliseconds(25));
  EXPECT_EQ(queue.backlog(), 3u);  // 0, 10, 20 ms
  EXPECT_EQ(queue.next_due(), Duration(milliseconds(30)));
}

TEST(OpenModelQueue, PopsOldestFirstWithItsIntendedTime) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(500));
  queue.release_due(milliseconds(15));
  const auto first = queue.pop(milliseconds(15));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->intended, Duration(0));
  EXPECT_FALSE(first->late);
  EXPECT_EQ(queue.pop(milliseconds(15))->intended, Duration(milliseconds(10)));
  EXPECT_FALSE(queue.pop(milliseconds(15)));
}

TEST(OpenModelQueue, ArrivalsThatWaitedForAConnectionAreLate) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(500));
  queue.release_due(milliseconds(20));  // 0, 10, 20 ms due; only one connection was free
  ASSERT_TRUE(queue.pop(milliseconds(20)));
  queue.mark_waiting();
  queue.release_due(milliseconds(30));  // 30 ms is due too, but nothing has waited for it yet
  EXPECT_TRUE(queue.pop(milliseconds(31))->late);
  EXPECT_TRUE(queue.pop(milliseconds(31))->late);
  EXPECT_FALSE(queue.pop(milliseconds(31))->late);
}

TEST(OpenModelQueue, DropsArrivalsOlderThanTheTimeoutAndCountsThem) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(100));
  queue.release_due(milliseconds(200));  // 21 arrivals: 0 .. 200 ms
  const auto next = queue.pop(milliseconds(200));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->intended, Duration(milliseconds(100)));  // 0 .. 90 ms are over 100 ms old
  EXPECT_EQ(queue.take_dropped(), 10u);
  EXPECT_EQ(queue.take_dropped(), 0u);
}

TEST(OpenModelQueue, DropStaleKeepsArrivalsWithinTheTimeout) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(100));
  queue.release_due(milliseconds(50));
  queue.drop_stale(milliseconds(125));  // 0, 10, 20 ms are more than 100 ms old
  EXPECT_EQ(queue.take_dropped(), 3u);
  EXPECT_EQ(queue.backlog(), 3u);
}

TEST(OpenModelQueue, DropRemainingEmptiesTheBacklog) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(500));
  queue.release_due(milliseconds(45));
  queue.drop_remaining();
  EXPECT_EQ(queue.take_dropped(), 5u);
  EXPECT_EQ(queue.backlog(), 0u);
}

TEST(OpenModelQueue, WorkersShareTheStreamByStride) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue second_of_two(schedule, 1, 2, milliseconds(500));
  EXPECT_EQ(second_of_two.next_due(), Duration(milliseconds(10)));
  second_of_two.release_due(milliseconds(50));
  EXPECT_EQ(second_of_two.backlog(), 3u);  // 10, 30, 50 ms
  EXPECT_EQ(second_of_two.pop(milliseconds(50))->intended, Duration(milliseconds(10)));
  EXPECT_EQ(second_of_two.pop(milliseconds(50))->intended, Duration(milliseconds(30)));
}

TEST(OpenModelQueue, IsExhaustedAfterTheLastStage) {
  const ArrivalSchedule schedule = hundred_per_second();
  OpenModelQueue queue(schedule, 0, 1, milliseconds(5000));
  queue.release_due(std::chrono::seconds(2));
  EXPECT_EQ(queue.backlog(), 100u);
  EXPECT_FALSE(queue.next_due());
  EXPECT_FALSE(queue.exhausted());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(queue.pop(std::chrono::seconds(2)));
  EXPECT_TRUE(queue.exhausted());
}

}  // namespace
}  // namespace faultline::load
