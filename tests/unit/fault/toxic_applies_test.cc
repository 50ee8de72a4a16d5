#include "harness/fault/toxic_applies.h"

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

TEST(ToxicApplies, GivesTheSameAnswerForTheSameSeedToxicAndConnection) {
  for (std::uint64_t connection = 0; connection < 100; ++connection) {
    EXPECT_EQ(toxic_applies(7, ToxicId{3}, connection, 0.5), toxic_applies(7, ToxicId{3}, connection, 0.5));
  }
}

TEST(ToxicApplies, ActsOnAboutTheToxicityShareOfConnections) {
  int applied = 0;
  for (std::uint64_t connection = 0; connection < 10'000; ++connection) {
    applied += toxic_applies(1, ToxicId{1}, connection, 0.3) ? 1 : 0;
  }
  EXPECT_NEAR(applied, 3000, 200);
}

TEST(ToxicApplies, AlwaysAtOneAndNeverAtZero) {
  for (std::uint64_t connection = 0; connection < 1000; ++connection) {
    EXPECT_TRUE(toxic_applies(5, ToxicId{2}, connection, 1.0));
    EXPECT_FALSE(toxic_applies(5, ToxicId{2}, connection, 0.0));
  }
}

TEST(ToxicApplies, DrawsDifferentConnectionsForDifferentSeedsAndToxics) {
  int differ_by_seed = 0;
  int differ_by_toxic = 0;
  for (std::uint64_t connection = 0; connection < 1000; ++connection) {
    const bool base = toxic_applies(1, ToxicId{1}, connection, 0.5);
    differ_by_seed += base != toxic_applies(2, ToxicId{1}, connection, 0.5) ? 1 : 0;
    differ_by_toxic += base != toxic_applies(1, ToxicId{2}, connection, 0.5) ? 1 : 0;
  }
  EXPECT_NEAR(differ_by_seed, 500, 80);
  EXPECT_NEAR(differ_by_toxic, 500, 80);
}

}  // namespace
}  // namespace faultline::fault
