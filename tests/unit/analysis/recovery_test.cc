// Recovery per fault on synthetic series: 1 s intervals, steady error rate 0 and p99 10 ms
// (limits: error rate <= 1%, p99 <= max(10 * 1.5, 10 + 2) = 15 ms), a fault from 10 s to 20 s
// during which error rate is 50% and p99 200 ms, and a table of what happens after it.
#include "harness/analysis/recovery.h"

#include <gtest/gtest.h>

#include "tests/unit/analysis/synthetic_series.h"

namespace faultline::analysis {
namespace {

using testing::kGap;
using testing::make_load;

struct Point {
  double error_rate;
  double p99_ms;
};
constexpr Point kHealthy{0, 10};
constexpr Point kBroken{0.3, 100};
constexpr Point kMissing{kGap, kGap};

// 10 healthy intervals, 10 fault intervals, then `after`.
LoadSeries timeline(const std::vector<Point>& after) {
  std::vector<double> error_rate, p99;
  for (int i = 0; i < 10; ++i) {
    error_rate.push_back(kHealthy.error_rate);
    p99.push_back(kHealthy.p99_ms);
  }
  for (int i = 0; i < 10; ++i) {
    error_rate.push_back(0.5);
    p99.push_back(200);
  }
  for (const Point& point : after) {
    error_rate.push_back(point.error_rate);
    p99.push_back(point.p99_ms);
  }
  return make_load(1.0, error_rate, p99);
}

std::vector<Point> repeat(Point point, int count) { return std::vector<Point>(static_cast<std::size_t>(count), point); }

std::vector<Point> join(std::initializer_list<std::vector<Point>> parts) {
  std::vector<Point> joined;
  for (const auto& part : parts) joined.insert(joined.end(), part.begin(), part.end());
  return joined;
}

const SteadyLevels kSteady{0.0, 10.0};

TEST(Recovery, FindsTheFirstInstantOfAFullWindowWithinTolerance) {
  struct Case {
    const char* name;
    std::vector<Point> after;
    FaultWindow fault;
    RecoveryStatus status;
    std::optional<double> recovered_at_s;
    std::optional<double> time_to_recover_s;
  };
  const Case cases[] = {
      {"recovers immediately", repeat(kHealthy, 10), {10, 20.0}, RecoveryStatus::recovered, 20, 0},
      {"recovers after a delay", join({repeat(kBroken, 2), repeat(kHealthy, 8)}), {10, 20.0},
       RecoveryStatus::recovered, 22, 2},
      {"never recovers", repeat(kBroken, 10), {10, 20.0}, RecoveryStatus::never, std::nullopt, std::nullopt},
      {"relapses before the window completes: must not count",
       join({repeat(kHealthy, 2), repeat(kBroken, 1), repeat(kHealthy, 7)}), {10, 20.0},
       RecoveryStatus::recovered, 23, 3},
      {"relapses after the window completed: still recovered",
       join({repeat(kHealthy, 3), repeat(kBroken, 4), repeat(kHealthy, 3)}), {10, 20.0},
       RecoveryStatus::recovered, 20, 0},
      {"a gap breaks the window", join({repeat(kHealthy, 1), repeat(kMissing, 1), repeat(kHealthy, 8)}),
       {10, 20.0}, RecoveryStatus::recovered, 22, 2},
      {"gaps everywhere: never", join({repeat(kHealthy, 2), repeat(kMissing, 1), repeat(kHealthy, 2),
                                       repeat(kMissing, 1), repeat(kHealthy, 2)}),
       {10, 20.0}, RecoveryStatus::never, std::nullopt, std::nullopt},
      {"a window running past the end of the data does not count",
       join({repeat(kBroken, 1), repeat(kHealthy, 2)}), {10, 20.0}, RecoveryStatus::never, std::nullopt,
       std::nullopt},
      {"exactly one window before the end counts", join({repeat(kBroken, 1), repeat(kHealthy, 3)}), {10, 20.0},
       RecoveryStatus::recovered, 21, 1},
      {"fault until the end of the run", repeat(kHealthy, 10), {10, std::nullopt}, RecoveryStatus::never,
       std::nullopt, std::nullopt},
      {"p99 alone above its limit keeps it unrecovered",
       join({repeat(Point{0, 16}, 3), repeat(kHealthy, 7)}), {10, 20.0}, RecoveryStatus::recovered, 23, 3},
      {"p99 at its limit is within", repeat(Point{0, 15}, 10), {10, 20.0}, RecoveryStatus::recovered, 20, 0},
      {"error rate alone above its limit keeps it unrecovered",
       join({repeat(Point{0.011, 10}, 4), repeat(kHealthy, 6)}), {10, 20.0}, RecoveryStatus::recovered, 24, 4},
      {"error rate at its limit is within", repeat(Point{0.01, 10}, 10), {10, 20.0}, RecoveryStatus::recovered,
       20, 0},
      {"fault ends a few ms after the grid: clamped to its end", repeat(kHealthy, 10), {10, 20.002},
       RecoveryStatus::recovered, 20.002, 0},
      {"fault ends mid-interval", join({repeat(kBroken, 1), repeat(kHealthy, 9)}), {10, 20.3},
       RecoveryStatus::recovered, 21, 0.7},
  };
  for (const Case& c : cases) {
    const FaultRecovery recovery = analyse_recovery(timeline(c.after), kSteady, c.fault);
    EXPECT_EQ(recovery.status, c.status) << c.name;
    if (c.recovered_at_s) {
      ASSERT_TRUE(recovery.recovered_at_s) << c.name;
      EXPECT_NEAR(*recovery.recovered_at_s, *c.recovered_at_s, 1e-9) << c.name;
      ASSERT_TRUE(recovery.time_to_recover_s) << c.name;
      EXPECT_NEAR(*recovery.time_to_recover_s, *c.time_to_recover_s, 1e-9) << c.name;
      EXPECT_TRUE(recovery.explanation.empty()) << c.name;
    } else {
      EXPECT_FALSE(recovery.recovered_at_s) << c.name;
      EXPECT_FALSE(recovery.time_to_recover_s) << c.name;
      EXPECT_FALSE(recovery.explanation.empty()) << c.name;
    }
  }
}

TEST(Recovery, ExplainsNeverInPlainWords) {
  FaultRecovery recovery = analyse_recovery(timeline(repeat(kBroken, 10)), kSteady, {10, 20.0});
  EXPECT_EQ(recovery.explanation,
            "never recovered: no 3 s with error rate <= 1% and p99 <= 15ms between the fault's end at 20 s and "
            "the end of the data at 30 s");
  recovery = analyse_recovery(timeline(repeat(kHealthy, 10)), kSteady, {10, std::nullopt});
  EXPECT_EQ(recovery.explanation, "the fault lasted until the end of the run: no time after it to recover in");
}

TEST(Recovery, MeasuresTheWorstAndTheAvailabilityDuringTheFault) {
  std::vector<double> error_rate(30, 0.0), p99(30, 10.0);
  error_rate[12] = 0.9;  // during the fault
  p99[15] = 450;
  error_rate[25] = 1.0;  // after it: not part of the fault's worst
  p99[25] = 900;
  const FaultRecovery recovery = analyse_recovery(make_load(1.0, error_rate, p99), kSteady, {10, 20.0});
  EXPECT_EQ(recovery.worst_error_rate, 0.9);
  EXPECT_EQ(recovery.worst_p99_ms, 450);
  // 10 intervals of 100 sent; 90 failed in one of them.
  ASSERT_TRUE(recovery.availability);
  EXPECT_NEAR(*recovery.availability, 910.0 / 1000, 1e-12);
  EXPECT_EQ(recovery.error_rate_limit, 0.01);
  EXPECT_EQ(recovery.p99_limit_ms, 15);
}

TEST(Recovery, AFaultShorterThanHalfAnIntervalStillHasItsWorst) {
  std::vector<double> error_rate(30, 0.0), p99(30, 10.0);
  error_rate[15] = 0.4;
  const FaultRecovery recovery = analyse_recovery(make_load(1.0, error_rate, p99), kSteady, {15.2, 15.4});
  EXPECT_EQ(recovery.worst_error_rate, 0.4);
  EXPECT_EQ(recovery.status, RecoveryStatus::recovered);
}

TEST(Recovery, AvailabilityIsEmptyWhenNothingWasSent) {
  LoadSeries load = make_load(1.0, std::vector<double>(30, kGap), std::vector<double>(30, kGap));
  const FaultRecovery recovery = analyse_recovery(load, kSteady, {10, 20.0});
  EXPECT_FALSE(recovery.availability);
  EXPECT_FALSE(recovery.worst_error_rate);
  EXPECT_EQ(recovery.status, RecoveryStatus::never);
}

TEST(Recovery, FloorKeepsSubMillisecondLatencyNoiseFromCountingAsUnrecovered) {
  // Steady p99 0.1 ms; 0.3 ms afterwards is three times steady but within the 2 ms floor.
  std::vector<double> error_rate(30, 0.0), p99(30, 0.1);
  for (std::size_t i = 20; i < 30; ++i) p99[i] = 0.3;
  const FaultRecovery recovery = analyse_recovery(make_load(1.0, error_rate, p99), {0.0, 0.1}, {10, 20.0});
  EXPECT_EQ(recovery.status, RecoveryStatus::recovered);
  EXPECT_NEAR(*recovery.p99_limit_ms, 2.1, 1e-12);
}

TEST(Recovery, WindowCountsIntervalsOfAnyLength) {
  // 0.25 s intervals: 3 s is 12 of them. Broken until 21.5 s, healthy after.
  std::vector<double> error_rate(120, 0.0), p99(120, 10.0);
  for (std::size_t i = 40; i < 86; ++i) error_rate[i] = 0.5;
  const FaultRecovery recovery = analyse_recovery(make_load(0.25, error_rate, p99), kSteady, {10, 20.0});
  ASSERT_EQ(recovery.status, RecoveryStatus::recovered);
  EXPECT_NEAR(*recovery.time_to_recover_s, 1.5, 1e-9);

  // The same data, cut 0.25 s before a full window after 21.5 s: never.
  const FaultRecovery cut = analyse_recovery(
      make_load(0.25, std::vector<double>(error_rate.begin(), error_rate.begin() + 97),
                std::vector<double>(p99.begin(), p99.begin() + 97)),
      kSteady, {10, 20.0});
  EXPECT_EQ(cut.status, RecoveryStatus::never);
}

TEST(Recovery, IsUnknownWithoutASteadyState) {
  const FaultRecovery recovery = analyse_recovery(timeline(repeat(kHealthy, 10)), {0.0, std::nullopt}, {10, 20.0});
  EXPECT_EQ(recovery.status, RecoveryStatus::unknown);
  EXPECT_FALSE(recovery.time_to_recover_s);
  EXPECT_NE(recovery.explanation.find("no steady state"), std::string::npos);
  EXPECT_EQ(recovery.worst_error_rate, 0.5);  // still measured
}

}  // namespace
}  // namespace faultline::analysis
