#include "harness/load/in_flight_messages.h"

#include <gtest/gtest.h>

namespace faultline::load {
namespace {

using Sent = InFlightMessages::Sent;

Sent message(std::uint64_t sequence) { return Sent{sequence, static_cast<std::int64_t>(sequence) * 10, {}}; }

auto sequence_is(std::uint64_t wanted) {
  return [wanted](const Sent& sent) { return sent.sequence == wanted; };
}

TEST(InFlightMessages, AReplyTakesItsMessageAndTheUnansweredOlderOnes) {
  InFlightMessages in_flight;
  for (std::uint64_t s = 1; s <= 4; ++s) in_flight.push(message(s));
  const auto reply = in_flight.take_match(sequence_is(3));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->sequence, 3u);
  EXPECT_EQ(reply->unix_time_ns, 30);
  EXPECT_EQ(in_flight.size(), 1u);  // 1 and 2 were never answered; 4 still waits
  EXPECT_FALSE(in_flight.take_match(sequence_is(2)));
  EXPECT_EQ(in_flight.size(), 1u);  // no match removes nothing
  EXPECT_EQ(in_flight.take_match(sequence_is(4))->sequence, 4u);
  EXPECT_EQ(in_flight.size(), 0u);
}

TEST(InFlightMessages, WrapsAroundItsCapacity) {
  InFlightMessages in_flight;
  EXPECT_FALSE(in_flight.take_match(sequence_is(1)));  // empty, nothing allocated yet
  std::uint64_t next = 1;
  for (int round = 0; round < 3; ++round) {
    while (!in_flight.full()) in_flight.push(message(next++));
    EXPECT_EQ(in_flight.size(), InFlightMessages::kCapacity);
    // Answer the older half: the ring's head moves on, and the next round wraps around.
    EXPECT_TRUE(in_flight.take_match(sequence_is(next - InFlightMessages::kCapacity / 2 - 1)));
    EXPECT_EQ(in_flight.size(), InFlightMessages::kCapacity / 2);
  }
  EXPECT_EQ(in_flight.take_match(sequence_is(next - 1))->sequence, next - 1);
}

TEST(InFlightMessages, ClearForgetsEverything) {
  InFlightMessages in_flight;
  in_flight.push(message(1));
  in_flight.push(message(2));
  in_flight.clear();
  EXPECT_EQ(in_flight.size(), 0u);
  EXPECT_FALSE(in_flight.take_match(sequence_is(2)));
  in_flight.push(message(3));
  EXPECT_EQ(in_flight.take_match(sequence_is(3))->sequence, 3u);
}

}  // namespace
}  // namespace faultline::load
