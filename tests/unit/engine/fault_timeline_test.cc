// The order in which faults start and end on the run's timeline, with offsets as a fake clock.
#include "harness/engine/fault_timeline.h"

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

using std::chrono::seconds;
using Edge = FaultTimeline::Edge;

TEST(FaultTimeline, StartsAndEndsEachFaultOnceInTimeOrder) {
  FaultTimeline timeline({{seconds(10), seconds(5)}, {seconds(2), seconds(3)}}, seconds(30));
  EXPECT_TRUE(timeline.take_due(seconds(1)).empty());
  auto due = timeline.take_due(seconds(6));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].fault, 1u);
  EXPECT_EQ(due[0].edge, Edge::start);
  EXPECT_EQ(due[1].edge, Edge::end);
  EXPECT_EQ(due[1].planned, seconds(5));
  EXPECT_EQ(timeline.next_due(), seconds(10));
  due = timeline.take_due(seconds(20));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].fault, 0u);
  EXPECT_TRUE(timeline.take_due(seconds(30)).empty());
  EXPECT_FALSE(timeline.next_due());
}

TEST(FaultTimeline, AtTheSameInstantAnEndComesBeforeAStart) {
  FaultTimeline timeline({{seconds(20), std::nullopt}, {seconds(10), seconds(10)}}, seconds(40));
  const auto due = timeline.take_due(seconds(20));
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[1].fault, 1u);
  EXPECT_EQ(due[1].edge, Edge::end);
  EXPECT_EQ(due[2].fault, 0u);
  EXPECT_EQ(due[2].edge, Edge::start);
}

TEST(FaultTimeline, FaultsWithoutLengthEndWithTheRun) {
  FaultTimeline timeline({{seconds(5), std::nullopt}}, seconds(10));
  EXPECT_EQ(timeline.take_due(seconds(9)).size(), 1u);
  const auto ends = timeline.take_remaining_ends();
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_EQ(ends[0].edge, Edge::end);
  EXPECT_TRUE(timeline.take_remaining_ends().empty());
}

TEST(FaultTimeline, InterruptedRunEndsOnlyFaultsThatStarted) {
  FaultTimeline timeline({{seconds(1), seconds(10)}, {seconds(8), seconds(1)}}, seconds(20));
  timeline.take_due(seconds(3));
  const auto ends = timeline.take_remaining_ends();
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_EQ(ends[0].fault, 0u);
  EXPECT_FALSE(timeline.next_due());
}

TEST(FaultTimeline, FaultsBeyondAShortenedRunNeverStart) {
  FaultTimeline timeline({{seconds(30), seconds(5)}, {seconds(2), seconds(60)}}, seconds(10));
  const auto due = timeline.take_due(seconds(10));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].fault, 1u);
  EXPECT_EQ(timeline.take_remaining_ends().size(), 1u);
}

}  // namespace
}  // namespace faultline::engine
