#include "harness/load/reconnect_policy.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <vector>

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

ReconnectPolicy exponential(Jitter jitter) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::exponential;
  policy.base = milliseconds(100);
  policy.cap = seconds(10);
  policy.jitter = jitter;
  return policy;
}

std::vector<std::int64_t> delays_ns(const ReconnectPolicy& policy, std::uint32_t attempts, std::uint64_t seed) {
  ReconnectRng rng(seed);
  std::vector<std::int64_t> delays;
  for (std::uint32_t k = 1; k <= attempts; ++k) delays.push_back(reconnect_delay(policy, k, rng)->count());
  return delays;
}

TEST(ReconnectPolicy, ImmediateNeverWaits) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::immediate;
  policy.base = seconds(1);
  EXPECT_EQ(delays_ns(policy, 4, 1), (std::vector<std::int64_t>{0, 0, 0, 0}));
}

TEST(ReconnectPolicy, FixedWaitsTheDelayEveryTime) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::fixed;
  policy.delay = milliseconds(250);
  policy.jitter = Jitter::none;
  EXPECT_EQ(delays_ns(policy, 3, 1), (std::vector<std::int64_t>{250'000'000, 250'000'000, 250'000'000}));
}

TEST(ReconnectPolicy, ExponentialDoublesFromBaseUntilTheCap) {
  const ReconnectPolicy policy = exponential(Jitter::none);
  EXPECT_EQ(backoff_before(policy, 0), nanoseconds::zero());
  EXPECT_EQ(backoff_before(policy, 1), milliseconds(100));
  EXPECT_EQ(backoff_before(policy, 2), milliseconds(200));
  EXPECT_EQ(backoff_before(policy, 7), milliseconds(6400));
  EXPECT_EQ(backoff_before(policy, 8), seconds(10));  // 12.8 s capped
  EXPECT_EQ(backoff_before(policy, 9), seconds(10));
}

TEST(ReconnectPolicy, ExponentialSaturatesAtTheCapForHugeAttemptsWithoutOverflow) {
  ReconnectPolicy policy = exponential(Jitter::none);
  for (std::uint32_t k : {62u, 63u, 64u, 65u, 1000u, std::numeric_limits<std::uint32_t>::max()}) {
    EXPECT_EQ(backoff_before(policy, k), seconds(10)) << k;
  }
  // A cap at the largest duration: the doubling still stops there instead of wrapping.
  policy.base = nanoseconds(3);
  policy.cap = nanoseconds::max();
  EXPECT_EQ(backoff_before(policy, 62), nanoseconds(std::int64_t{3} << 61));
  EXPECT_EQ(backoff_before(policy, 63), nanoseconds::max());
  EXPECT_EQ(backoff_before(policy, 64), nanoseconds::max());
  policy.base = nanoseconds(1);
  EXPECT_EQ(backoff_before(policy, 63), nanoseconds(std::int64_t{1} << 62));
  EXPECT_EQ(backoff_before(policy, 64), nanoseconds::max());
}

TEST(ReconnectPolicy, NegativeDurationsCountAsZero) {
  ReconnectPolicy policy = exponential(Jitter::none);
  policy.base = milliseconds(-5);
  EXPECT_EQ(backoff_before(policy, 3), nanoseconds::zero());
  policy.base = milliseconds(5);
  policy.cap = milliseconds(-1);
  EXPECT_EQ(backoff_before(policy, 3), nanoseconds::zero());
  policy.backoff = Backoff::fixed;
  policy.delay = milliseconds(-1);
  EXPECT_EQ(backoff_before(policy, 1), nanoseconds::zero());
}

// Expected values from an independent SplitMix64 (the reference algorithm, written in Python):
// delay = (draw * (bound + 1)) >> 64.
TEST(ReconnectPolicy, FullJitterGivesExactValuesForASeed) {
  EXPECT_EQ(delays_ns(exponential(Jitter::full), 5, 42),
            (std::vector<std::int64_t>{74156488, 31982078, 111440452, 275352573, 60848269}));
}

TEST(ReconnectPolicy, EqualJitterGivesExactValuesForASeed) {
  EXPECT_EQ(delays_ns(exponential(Jitter::equal), 5, 42),
            (std::vector<std::int64_t>{87078244, 115991039, 255720226, 537676286, 830424134}));
}

TEST(ReconnectPolicy, TheSameSeedRepeatsTheSameDelays) {
  EXPECT_EQ(delays_ns(exponential(Jitter::full), 20, 7), delays_ns(exponential(Jitter::full), 20, 7));
  EXPECT_NE(delays_ns(exponential(Jitter::full), 20, 7), delays_ns(exponential(Jitter::full), 20, 8));
}

TEST(ReconnectPolicy, JitterStaysWithinItsBounds) {
  for (const Jitter jitter : {Jitter::full, Jitter::equal}) {
    ReconnectRng rng(3);
    const ReconnectPolicy policy = exponential(jitter);
    for (std::uint32_t k = 1; k <= 2000; ++k) {
      const nanoseconds backoff = backoff_before(policy, k % 12 + 1);
      const nanoseconds delay = *reconnect_delay(policy, k % 12 + 1, rng);
      EXPECT_LE(delay, backoff);
      EXPECT_GE(delay, jitter == Jitter::full ? nanoseconds::zero() : backoff - backoff / 2);
    }
  }
}

TEST(ReconnectPolicy, FullJitterReachesBothEndsOfATinyRange) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::fixed;
  policy.delay = nanoseconds(1);
  policy.jitter = Jitter::full;
  ReconnectRng rng(11);
  bool saw_zero = false;
  bool saw_one = false;
  for (int i = 0; i < 200; ++i) {
    const auto delay = reconnect_delay(policy, 1, rng)->count();
    saw_zero |= delay == 0;
    saw_one |= delay == 1;
  }
  EXPECT_TRUE(saw_zero);
  EXPECT_TRUE(saw_one);
}

TEST(ReconnectPolicy, JitterOfTheLargestBackoffDoesNotOverflow) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::fixed;
  policy.delay = nanoseconds::max();
  for (const Jitter jitter : {Jitter::full, Jitter::equal}) {
    policy.jitter = jitter;
    ReconnectRng rng(5);
    for (int i = 0; i < 100; ++i) EXPECT_GE(reconnect_delay(policy, 1, rng)->count(), 0);
  }
}

TEST(ReconnectPolicy, GivesUpAfterMaxAttempts) {
  ReconnectPolicy policy = exponential(Jitter::none);
  policy.max_attempts = 3;
  ReconnectRng rng(1);
  EXPECT_TRUE(reconnect_delay(policy, 1, rng));
  EXPECT_TRUE(reconnect_delay(policy, 3, rng));
  EXPECT_FALSE(reconnect_delay(policy, 4, rng));
  policy.max_attempts = 0;
  EXPECT_TRUE(reconnect_delay(policy, std::numeric_limits<std::uint32_t>::max(), rng));
}

TEST(ReconnectPolicy, NoJitterDrawsNothing) {
  ReconnectRng used(9);
  ReconnectRng untouched(9);
  reconnect_delay(exponential(Jitter::none), 4, used);
  EXPECT_EQ(used, untouched);
}

}  // namespace
}  // namespace faultline::load
