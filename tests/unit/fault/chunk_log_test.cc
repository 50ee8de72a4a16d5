#include "harness/fault/chunk_log.h"

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = TimePoint{} + 1h;

TEST(ChunkLog, HandsOutEachChunkWithItsArrivalTime) {
  ChunkLog log;
  log.clear(0);
  log.append(100, kStart);
  log.append(150, kStart + 1ms);
  EXPECT_EQ(log.take(), (Piece{100, kStart}));
  EXPECT_EQ(log.take(), (Piece{50, kStart + 1ms}));
  EXPECT_EQ(log.take(), std::nullopt);
}

TEST(ChunkLog, RewindsToTheMiddleOfAChunk) {
  ChunkLog log;
  log.clear(0);
  log.append(100, kStart);
  log.append(150, kStart + 1ms);
  log.take();
  log.take();
  log.drop_written(40);  // nothing wholly written yet
  log.rewind(40);
  EXPECT_EQ(log.take(), (Piece{60, kStart}));
  log.drop_written(100);
  log.rewind(120);
  EXPECT_EQ(log.take(), (Piece{30, kStart + 1ms}));
}

TEST(ChunkLog, StampsChunksAppendedWithoutATime) {
  ChunkLog log;
  log.clear(10);
  log.append(20, TimePoint{});
  log.append(30, kStart);
  log.stamp_untimed(kStart + 5ms);
  EXPECT_EQ(log.take(), (Piece{10, kStart + 5ms}));
  EXPECT_EQ(log.take(), (Piece{10, kStart}));
}

TEST(ChunkLog, IsFullAtItsCapacity) {
  ChunkLog log;
  log.clear(0);
  for (std::size_t i = 1; i <= ChunkLog::kCapacity; ++i) log.append(i, kStart);
  EXPECT_TRUE(log.full());
  log.drop_written(1);
  EXPECT_FALSE(log.full());
}

}  // namespace
}  // namespace faultline::fault
