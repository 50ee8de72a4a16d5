#include "harness/fault/toxic_chain.h"

#include <vector>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = TimePoint{} + 1h;

// A chain over one pipe's chunk log, as the pipe drives it but with made-up times.
struct ChainFixture {
  ToxicChain chain{1};
  ChunkLog chunks;
  std::vector<ChainToxic> toxics;

  void add(std::uint64_t id, Toxic toxic, TimePoint now = kStart) {
    toxics.push_back(ChainToxic{ToxicId{id}, toxic});
    chain.update(toxics, now);
  }
  void remove(std::uint64_t id, TimePoint now) {
    std::erase_if(toxics, [&](const ChainToxic& t) { return t.id.value == id; });
    chain.update(toxics, now);
    chain.rewind(now);
  }
  Pull pull() { return chain.pull(chunks); }
};

TEST(ToxicChain, StackedLatenciesAddUp) {
  ChainFixture fixture;
  fixture.add(1, LatencyToxic{10ms, 0ms});
  fixture.add(2, LatencyToxic{20ms, 0ms});
  fixture.chunks.append(100, kStart);
  EXPECT_EQ(fixture.pull().piece, (Piece{100, kStart + 30ms}));
  EXPECT_EQ(fixture.pull().kind, Pull::Kind::none);
}

TEST(ToxicChain, PassesPiecesThroughStagesInInsertionOrder) {
  ChainFixture fixture;
  fixture.add(1, SlicerToxic{10, 0, 0ms});
  fixture.add(2, LatencyToxic{5ms, 0ms});
  fixture.chunks.append(25, kStart);
  EXPECT_EQ(fixture.pull().piece, (Piece{10, kStart + 5ms}));
  EXPECT_EQ(fixture.pull().piece, (Piece{10, kStart + 5ms}));
  EXPECT_EQ(fixture.pull().piece, (Piece{5, kStart + 5ms}));
  EXPECT_EQ(fixture.pull().kind, Pull::Kind::none);
}

TEST(ToxicChain, NeedsTheClockOnlyForToxicsThatTakeTime) {
  ChainFixture fixture;
  fixture.add(1, LatencyToxic{0ms, 0ms});
  fixture.add(2, LimitDataToxic{10});
  fixture.add(3, SlicerToxic{10, 0, 0ms});
  EXPECT_FALSE(fixture.chain.needs_clock());
  fixture.add(4, SlowCloseToxic{1ms});
  EXPECT_TRUE(fixture.chain.needs_clock());
}

TEST(ToxicChain, ReportsNoChangeForTheSameToxics) {
  ChainFixture fixture;
  fixture.add(1, LatencyToxic{1ms, 0ms});
  EXPECT_FALSE(fixture.chain.update(fixture.toxics, kStart));
}

TEST(ToxicChain, CutsWhenTheLimitIsUsedUpAndDataIsWaiting) {
  ChainFixture fixture;
  fixture.add(1, LimitDataToxic{150});
  fixture.chunks.append(100, kStart);
  fixture.chunks.append(300, kStart);
  EXPECT_EQ(fixture.pull().piece.bytes, 100u);
  fixture.chain.on_written(100);
  EXPECT_EQ(fixture.pull().piece.bytes, 50u);
  EXPECT_FALSE(fixture.chain.limit_reached());
  fixture.chain.on_written(50);
  EXPECT_TRUE(fixture.chain.limit_reached());
  EXPECT_EQ(fixture.pull().kind, Pull::Kind::cut);
}

TEST(ToxicChain, KeepsTheCountOfALimitWhenAnotherToxicIsAdded) {
  ChainFixture fixture;
  fixture.add(1, LimitDataToxic{100});
  fixture.chunks.append(60, kStart);
  EXPECT_EQ(fixture.pull().piece.bytes, 60u);
  fixture.chain.on_written(60);
  fixture.chunks.drop_written(60);
  fixture.add(2, LatencyToxic{0ms, 0ms});
  fixture.chain.rewind(kStart);
  fixture.chunks.append(200, kStart);
  EXPECT_EQ(fixture.pull().piece.bytes, 40u);
}

TEST(ToxicChain, RemovingALatencyReleasesTheWaitingPieceAtOnce) {
  ChainFixture fixture;
  fixture.add(1, LatencyToxic{10s, 0ms});
  fixture.add(2, SlicerToxic{1000, 0, 0ms});
  fixture.chunks.append(100, kStart);
  EXPECT_EQ(fixture.pull().piece.ready, kStart + 10s);
  fixture.remove(1, kStart + 1s);
  fixture.chunks.rewind(0);  // the pipe rewinds to its first unwritten byte
  EXPECT_EQ(fixture.pull().piece, (Piece{100, kStart}));
}

TEST(ToxicChain, TimeoutHoldsTheDataAndClosesAfterItsTimeout) {
  ChainFixture fixture;
  fixture.add(1, TimeoutToxic{100ms}, kStart);
  GateState gate = fixture.chain.check_gates(kStart + 50ms, true);
  EXPECT_TRUE(gate.hold);
  EXPECT_EQ(gate.action, GateState::Action::none);
  EXPECT_EQ(gate.deadline, kStart + 100ms);
  gate = fixture.chain.check_gates(kStart + 100ms, false);
  EXPECT_EQ(gate.action, GateState::Action::close);
}

TEST(ToxicChain, TimeoutOfZeroHoldsForever) {
  ChainFixture fixture;
  fixture.add(1, TimeoutToxic{0ms}, kStart);
  const GateState gate = fixture.chain.check_gates(kStart + 24h, true);
  EXPECT_TRUE(gate.hold);
  EXPECT_EQ(gate.action, GateState::Action::none);
  EXPECT_EQ(gate.deadline, TimePoint::max());
}

TEST(ToxicChain, ResetPeerCountsDownFromTheFirstData) {
  ChainFixture fixture;
  fixture.add(1, ResetPeerToxic{200ms}, kStart);
  EXPECT_FALSE(fixture.chain.check_gates(kStart + 1s, false).hold);
  GateState gate = fixture.chain.check_gates(kStart + 2s, true);
  EXPECT_TRUE(gate.hold);
  EXPECT_EQ(gate.deadline, kStart + 2s + 200ms);
  gate = fixture.chain.check_gates(kStart + 2s + 200ms, false);
  EXPECT_EQ(gate.action, GateState::Action::reset);
}

TEST(ToxicChain, ResetPeerWithoutTimeoutResetsAtTheFirstData) {
  ChainFixture fixture;
  fixture.add(1, ResetPeerToxic{0ms}, kStart);
  EXPECT_EQ(fixture.chain.check_gates(kStart, true).action, GateState::Action::reset);
}

TEST(ToxicChain, SlowCloseDelaysAddUp) {
  ChainFixture fixture;
  fixture.add(1, SlowCloseToxic{100ms});
  fixture.add(2, LatencyToxic{1ms, 0ms});
  fixture.add(3, SlowCloseToxic{50ms});
  EXPECT_EQ(fixture.chain.close_delay(), 150ms);
}

}  // namespace
}  // namespace faultline::fault
