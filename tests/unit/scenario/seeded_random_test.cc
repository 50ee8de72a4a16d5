#include "harness/scenario/seeded_random.h"

#include <gtest/gtest.h>

#include <set>

namespace faultline::scenario {
namespace {

TEST(SeededRandom, RepeatsTheSameSequenceForTheSameSeed) {
  SeededRandom first(99);
  SeededRandom second(99);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(first.next(), second.next());
}

TEST(SeededRandom, IsTheReferenceGenerator) {
  SeededRandom rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafu);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4u);
}

TEST(SeededRandom, BelowStaysInRange) {
  SeededRandom rng(5);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t v = rng.below(10);
    ASSERT_LT(v, 10u);
    seen.insert(v);
    ASSERT_EQ(rng.below(1), 0u);
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(SeededRandom, StaysWithinItsBounds) {
  SeededRandom random(1);
  for (int i = 0; i < 10'000; ++i) {
    EXPECT_LT(random.below(7), 7u);
    const std::int64_t value = random.within(3);
    EXPECT_GE(value, -3);
    EXPECT_LE(value, 3);
    const double unit = random.unit();
    EXPECT_GE(unit, 0.0);
    EXPECT_LT(unit, 1.0);
  }
  EXPECT_EQ(random.within(0), 0);
}

}  // namespace
}  // namespace faultline::scenario
