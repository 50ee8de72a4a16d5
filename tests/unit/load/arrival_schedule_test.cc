#include "harness/load/arrival_schedule.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace faultline::load {
namespace {

using namespace std::chrono_literals;
using Duration = scenario::Duration;

scenario::Stage stage(Duration length, double rate_per_s, Duration ramp = Duration::zero()) {
  return scenario::Stage{length, rate_per_s, ramp};
}

Duration time_of(const ArrivalSchedule& schedule, std::uint64_t n) {
  const std::optional<Duration> t = schedule.time_of(n);
  EXPECT_TRUE(t.has_value()) << "arrival " << n;
  return t.value_or(Duration::zero());
}

// The rate profile evaluated directly from the stages, independently of ArrivalSchedule.
double rate_at(const std::vector<scenario::Stage>& stages, double t_s) {
  double previous = 0, start_s = 0;
  for (const auto& s : stages) {
    const double length_s = std::chrono::duration<double>(s.length).count();
    const double ramp_s = std::chrono::duration<double>(s.ramp).count();
    if (t_s < start_s + length_s) {
      const double into = t_s - start_s;
      return into < ramp_s ? previous + (s.rate_per_s - previous) * into / ramp_s : s.rate_per_s;
    }
    previous = s.rate_per_s;
    start_s += length_s;
  }
  return 0;
}

// Midpoint rule with a fine step: exact on linear pieces, tiny error at the kinks.
double integrate_rate(const std::vector<scenario::Stage>& stages, double until_s) {
  const int steps = 200'000;
  const double h = until_s / steps;
  double sum = 0;
  for (int i = 0; i < steps; ++i) sum += rate_at(stages, (i + 0.5) * h);
  return sum * h;
}

TEST(ArrivalSchedule, ConstantRateSpacesArrivalsEvenlyFromZero) {
  const std::vector stages = {stage(1s, 100)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 100u);
  EXPECT_EQ(schedule.length(), 1s);
  for (std::uint64_t n = 0; n < 100; ++n) EXPECT_EQ(time_of(schedule, n), n * 10ms);
  EXPECT_EQ(schedule.time_of(100), std::nullopt);
}

TEST(ArrivalSchedule, RampFromZeroHasHalfTheArrivalsOfTheFullRate) {
  const std::vector stages = {stage(10s, 1000, 10s)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 5000u);
  // N(t) = k t^2 / 2 with k = 100/s^2: arrival n at sqrt(2n / k).
  for (const std::uint64_t n : {0u, 1u, 2u, 50u, 1250u, 4999u}) {
    const double expected_s = std::sqrt(2.0 * static_cast<double>(n) / 100.0);
    EXPECT_NEAR(std::chrono::duration<double>(time_of(schedule, n)).count(), expected_s, 1e-9) << n;
  }
}

TEST(ArrivalSchedule, RampDownEndsBeforeTheStageEnds) {
  const std::vector stages = {stage(1s, 100), stage(10s, 0, 10s)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 100u + 500u);
  EXPECT_LT(time_of(schedule, 599), 11s);
  // In the ramp N(t) = 100t - 5t^2 past the first second: arrival 100 + m at (100 - sqrt(10000 - 20m)) / 10.
  for (const std::uint64_t m : {0u, 1u, 250u, 499u}) {
    const double expected_s = 1.0 + (100.0 - std::sqrt(10000.0 - 20.0 * static_cast<double>(m))) / 10.0;
    EXPECT_NEAR(std::chrono::duration<double>(time_of(schedule, 100 + m)).count(), expected_s, 1e-9) << m;
  }
}

TEST(ArrivalSchedule, ArrivalsNeverGoBackInTime) {
  const std::vector stages = {stage(2s, 500, 1s), stage(3s, 50, 2s), stage(1s, 0, 1s), stage(2s, 300),
                              stage(2s, 900, 1500ms)};
  const ArrivalSchedule schedule(stages);
  Duration previous{-1};
  for (std::uint64_t n = 0; n < schedule.expected_count(); ++n) {
    const Duration t = time_of(schedule, n);
    ASSERT_GE(t, previous) << n;
    ASSERT_LT(t, schedule.length()) << n;
    previous = t;
  }
}

TEST(ArrivalSchedule, StageBoundaryFallsOnAnArrival) {
  const std::vector stages = {stage(1s, 100), stage(1s, 200)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 300u);
  EXPECT_EQ(time_of(schedule, 99), 990ms);
  EXPECT_EQ(time_of(schedule, 100), 1s);
  EXPECT_EQ(time_of(schedule, 101), 1005ms);
  EXPECT_EQ(time_of(schedule, 299), 1995ms);
}

TEST(ArrivalSchedule, ZeroRampJumpsToTheNewRate) {
  const std::vector stages = {stage(1s, 10), stage(1s, 1000)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(time_of(schedule, 9), 900ms);
  EXPECT_EQ(time_of(schedule, 10), 1s);
  EXPECT_EQ(time_of(schedule, 11), 1001ms);
}

TEST(ArrivalSchedule, LeadingPauseDelaysTheFirstArrival) {
  const std::vector stages = {stage(5s, 0), stage(1s, 10)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 10u);
  EXPECT_EQ(time_of(schedule, 0), 5s);
  EXPECT_EQ(time_of(schedule, 1), 5100ms);
}

TEST(ArrivalSchedule, PauseInTheMiddleResumesAtItsEnd) {
  const std::vector stages = {stage(1s, 10), stage(2s, 0), stage(1s, 10)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 20u);
  EXPECT_EQ(time_of(schedule, 9), 900ms);
  EXPECT_EQ(time_of(schedule, 10), 3s);
  EXPECT_EQ(time_of(schedule, 19), 3900ms);
}

TEST(ArrivalSchedule, TinyRates) {
  const std::vector one_per_second = {stage(10s, 1)};
  const ArrivalSchedule every_second(one_per_second);
  EXPECT_EQ(every_second.expected_count(), 10u);
  EXPECT_EQ(time_of(every_second, 9), 9s);

  const std::vector one_in_ten = {stage(10s, 0.1)};
  EXPECT_EQ(ArrivalSchedule(one_in_ten).expected_count(), 1u);

  // N(end) = 2.5: arrivals at 0, 10 s and 20 s.
  const std::vector fractional = {stage(25s, 0.1)};
  const ArrivalSchedule partial(fractional);
  EXPECT_EQ(partial.expected_count(), 3u);
  EXPECT_EQ(time_of(partial, 2), 20s);
}

TEST(ArrivalSchedule, HugeRateOverAnHourIsExactToTheNanosecond) {
  const std::vector stages = {stage(3600s, 1e6)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(schedule.expected_count(), 3'600'000'000u);
  EXPECT_EQ(time_of(schedule, 1'234'567'891), 1'234'567'891us);
  EXPECT_EQ(time_of(schedule, 3'599'999'999), 3600s - 1us);
  EXPECT_EQ(schedule.time_of(3'600'000'000), std::nullopt);
}

TEST(ArrivalSchedule, NearlyFlatRampOnAHighRateKeepsItsPrecision) {
  // The rate changes by 1/s over 1000 s on top of 1e6/s: the textbook quadratic root would
  // lose every digit to cancellation here.
  const std::vector stages = {stage(10s, 1e6), stage(1000s, 1e6 + 1, 1000s)};
  const ArrivalSchedule schedule(stages);
  EXPECT_EQ(time_of(schedule, 10'000'000), 10s);
  EXPECT_EQ(time_of(schedule, 10'000'001), 10s + 1us);
  EXPECT_EQ(time_of(schedule, 10'000'123), 10s + 123us);
}

TEST(ArrivalSchedule, MatchesNumericalIntegrationOfTheRate) {
  const std::vector stages = {stage(3s, 400, 2s), stage(2s, 400), stage(4s, 100, 3s), stage(1s, 250, 250ms)};
  const ArrivalSchedule schedule(stages);
  const double total = integrate_rate(stages, 10.0);
  EXPECT_EQ(schedule.expected_count(), static_cast<std::uint64_t>(std::ceil(total - 1e-6)));
  for (std::uint64_t n = 1; n < schedule.expected_count(); n += 37) {
    const double t_s = std::chrono::duration<double>(time_of(schedule, n)).count();
    EXPECT_NEAR(integrate_rate(stages, t_s), static_cast<double>(n), 1e-4) << n;
  }
}

TEST(ArrivalSchedule, ShareScalesTheRate) {
  const std::vector stages = {stage(1s, 400)};
  const ArrivalSchedule quarter(stages, 0.25);
  EXPECT_EQ(quarter.expected_count(), 100u);
  EXPECT_EQ(time_of(quarter, 1), 10ms);
}

TEST(ArrivalSchedule, WorkersTakingEveryTthArrivalInterleave) {
  const std::vector stages = {stage(1s, 3000)};
  const ArrivalSchedule schedule(stages);
  const std::uint64_t workers = 3;
  // Worker k sends stream arrivals k, k + 3, k + 6, ...: each at 1000/s, the workers offset
  // by a third of a millisecond from each other instead of firing together.
  for (std::uint64_t k = 0; k < workers; ++k) {
    EXPECT_NEAR(static_cast<double>(time_of(schedule, k).count()), static_cast<double>(k) * 1e9 / 3000, 1.0);
    for (std::uint64_t m = 0; m < 10; ++m) {
      const Duration gap = time_of(schedule, k + (m + 1) * workers) - time_of(schedule, k + m * workers);
      EXPECT_NEAR(static_cast<double>(gap.count()), 1e6, 1.0);
    }
  }
}

TEST(ArrivalSchedule, NoStagesMeansNoArrivals) {
  const ArrivalSchedule schedule({});
  EXPECT_EQ(schedule.expected_count(), 0u);
  EXPECT_EQ(schedule.time_of(0), std::nullopt);
}

TEST(ArrivalSchedule, RejectsInvalidStages) {
  const auto rejects = [](std::vector<scenario::Stage> stages, double share = 1.0) {
    EXPECT_THROW(ArrivalSchedule(stages, share), std::invalid_argument);
  };
  rejects({stage(1s, 10, 2s)});
  rejects({stage(1s, -1)});
  rejects({stage(1s, std::numeric_limits<double>::quiet_NaN())});
  rejects({stage(1s, std::numeric_limits<double>::infinity())});
  rejects({stage(-1s, 10)});
  rejects({stage(1s, 10)}, -0.5);
}

}  // namespace
}  // namespace faultline::load
