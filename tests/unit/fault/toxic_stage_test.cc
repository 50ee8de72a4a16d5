#include "harness/fault/toxic_stage.h"

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = TimePoint{} + 1h;

TEST(LatencyStage, HoldsEachPieceForTheLatency) {
  LatencyStage stage(LatencyToxic{100ms, 0ms}, 1);
  Piece input{500, kStart};
  EXPECT_EQ(stage.take(input), (Piece{500, kStart + 100ms}));
  EXPECT_EQ(input.bytes, 0u);
}

TEST(LatencyStage, DrawsJitterUniformlyWithinPlusMinus) {
  LatencyStage stage(LatencyToxic{100ms, 10ms}, 7);
  Duration lowest = 1h;
  Duration highest{};
  for (int i = 0; i < 10'000; ++i) {
    const Duration delay = stage.next_delay();
    lowest = std::min(lowest, delay);
    highest = std::max(highest, delay);
  }
  EXPECT_GE(lowest, 90ms);
  EXPECT_LE(highest, 110ms);
  // Both ends are reached within a millisecond: the draw covers the whole range.
  EXPECT_LT(lowest, 91ms);
  EXPECT_GT(highest, 109ms);
}

TEST(LatencyStage, RepeatsItsJitterForTheSameSeed) {
  LatencyStage first(LatencyToxic{50ms, 50ms}, 42);
  LatencyStage second(LatencyToxic{50ms, 50ms}, 42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(first.next_delay(), second.next_delay());
}

TEST(LatencyStage, ClampsNegativeDelaysToZero) {
  LatencyStage stage(LatencyToxic{1ms, 100ms}, 3);
  for (int i = 0; i < 1000; ++i) EXPECT_GE(stage.next_delay(), Duration::zero());
}

TEST(Bandwidth, TransmissionTimeIsBytesOverRateRoundedUp) {
  EXPECT_EQ(transmission_time(100'000, 100'000), 1s);
  EXPECT_EQ(transmission_time(1, 3), Duration(333'333'334));
  EXPECT_EQ(transmission_time(0, 10), Duration::zero());
}

TEST(BandwidthStage, SplitsIntoPiecesOfAHundredMillisecondsOfData) {
  BandwidthStage stage(BandwidthToxic{10'000});  // 10 KB/s: 1000-byte pieces
  EXPECT_EQ(stage.max_piece_bytes(), 1000u);
  Piece input{2500, kStart};
  EXPECT_EQ(stage.take(input), (Piece{1000, kStart + 100ms}));
  EXPECT_EQ(stage.take(input), (Piece{1000, kStart + 200ms}));
  EXPECT_EQ(stage.take(input), (Piece{500, kStart + 250ms}));
  EXPECT_EQ(input.bytes, 0u);
}

TEST(BandwidthStage, SendsPiecesBackToBackButNotBeforeTheyArrive) {
  BandwidthStage stage(BandwidthToxic{1'000'000});
  Piece first{1000, kStart};
  EXPECT_EQ(stage.take(first).ready, kStart + 1ms);
  Piece queued{1000, kStart};  // arrived while the first was on the link
  EXPECT_EQ(stage.take(queued).ready, kStart + 2ms);
  Piece later{1000, kStart + 1s};  // the link was idle meanwhile: no credit saved up
  EXPECT_EQ(stage.take(later).ready, kStart + 1s + 1ms);
}

TEST(BandwidthStage, RewindForgetsTimeOfPiecesNeverWritten) {
  BandwidthStage stage(BandwidthToxic{1000});
  Piece input{100, kStart};
  EXPECT_EQ(stage.take(input).ready, kStart + 100ms);
  stage.rewind(kStart + 10ms);
  Piece again{100, kStart};
  EXPECT_EQ(stage.take(again).ready, kStart + 110ms);
}

TEST(SlicerStage, CutsSlicesWithinTheVariationAndKeepsEveryByte) {
  SlicerStage stage(SlicerToxic{100, 30, 0ms}, 11);
  Piece input{100'000, kStart};
  std::uint64_t total = 0;
  int slices = 0;
  while (input.bytes > 0) {
    const Piece slice = stage.take(input);
    if (input.bytes > 0) {  // the last slice is whatever remains
      EXPECT_GE(slice.bytes, 70u);
      EXPECT_LE(slice.bytes, 130u);
    }
    total += slice.bytes;
    ++slices;
  }
  EXPECT_EQ(total, 100'000u);
  EXPECT_NEAR(slices, 1000, 50);
}

TEST(SlicerStage, SpacesSlicesByTheDelay) {
  SlicerStage stage(SlicerToxic{10, 0, 5ms}, 1);
  Piece input{30, kStart};
  EXPECT_EQ(stage.take(input), (Piece{10, kStart}));
  EXPECT_EQ(stage.take(input), (Piece{10, kStart + 5ms}));
  EXPECT_EQ(stage.take(input), (Piece{10, kStart + 10ms}));
  Piece next{10, kStart + 1s};  // arrives long after: no wait beyond its arrival
  EXPECT_EQ(stage.take(next), (Piece{10, kStart + 1s}));
}

TEST(SlicerStage, RepeatsItsSlicesForTheSameSeed) {
  SlicerStage first(SlicerToxic{50, 49, 0ms}, 5);
  SlicerStage second(SlicerToxic{50, 49, 0ms}, 5);
  Piece a{10'000, kStart};
  Piece b{10'000, kStart};
  while (a.bytes > 0) EXPECT_EQ(first.take(a), second.take(b));
}

TEST(LimitDataStage, LetsThroughExactlyTheLimitThenNothing) {
  LimitDataStage stage(LimitDataToxic{1500});
  Piece input{1000, kStart};
  EXPECT_EQ(stage.take(input).bytes, 1000u);
  stage.on_written(1000);
  EXPECT_FALSE(stage.reached());
  Piece more{1000, kStart};
  EXPECT_EQ(stage.take(more).bytes, 500u);
  EXPECT_EQ(more.bytes, 500u);
  stage.on_written(500);
  EXPECT_TRUE(stage.reached());
  EXPECT_EQ(stage.take(more).bytes, 0u);
}

TEST(LimitDataStage, RewindLetsUnwrittenBytesThroughAgain) {
  LimitDataStage stage(LimitDataToxic{100});
  Piece input{100, kStart};
  EXPECT_EQ(stage.take(input).bytes, 100u);
  stage.on_written(40);
  stage.rewind();
  Piece again{60, kStart};
  EXPECT_EQ(stage.take(again).bytes, 60u);
}

}  // namespace
}  // namespace faultline::fault
