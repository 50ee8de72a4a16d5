// Leak detection on synthetic resource series (1 s intervals): the level over the tail after
// recovery plus settle against the steady median and the resource's tolerance.
#include "harness/analysis/leaks.h"

#include <gtest/gtest.h>

#include "tests/unit/analysis/synthetic_series.h"

namespace faultline::analysis {
namespace {

using testing::kGap;
using testing::make_series;

TEST(Leaks, ComparesTheTailMinimumWithSteadyPlusTolerance) {
  struct Case {
    const char* name;
    std::vector<double> threads;  // levels from 0 s; the check starts at 10 s
    LeakStatus status;
    double excess;
  };
  const Case cases[] = {
      {"a ramp that never comes down", {10, 10, 10, 10, 10, 20, 30, 40, 47, 47, 47, 48, 49, 50, 52}, LeakStatus::leaked,
       37},
      {"a spike that returns", {10, 10, 10, 10, 10, 90, 95, 60, 30, 20, 80, 11, 10, 10, 10}, LeakStatus::none, 0},
      {"within tolerance (2 threads)", {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12}, LeakStatus::none,
       0},
      {"just beyond tolerance", {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 13, 13, 13, 13, 13}, LeakStatus::leaked, 3},
      {"below steady", {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 4, 4, 4, 4, 4}, LeakStatus::none, 0},
      {"gaps in the tail are skipped", {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 30, kGap, 31, kGap, 30},
       LeakStatus::leaked, 20},
  };
  for (const Case& c : cases) {
    const LeakResult result = detect_leak(make_series(1.0, c.threads), 10.0, kThreadsLeakTolerance, 10.0);
    EXPECT_EQ(result.status, c.status) << c.name;
    EXPECT_DOUBLE_EQ(result.excess, c.excess) << c.name;
    EXPECT_EQ(result.allowed_excess, 2) << c.name;
    EXPECT_TRUE(result.reason.empty()) << c.name;
  }
}

TEST(Leaks, RssToleranceIsTheLargerOfAbsoluteAndRelative) {
  constexpr double kMiB = 1024 * 1024;
  // Small process: 40 MiB steady, 16 MiB allowed; 55 MiB is not a leak, 57 MiB is.
  EXPECT_EQ(detect_leak(make_series(1.0, {55 * kMiB, 55 * kMiB}), 40 * kMiB, kRssLeakTolerance, 0.0).status,
            LeakStatus::none);
  const LeakResult small = detect_leak(make_series(1.0, {57 * kMiB, 58 * kMiB}), 40 * kMiB, kRssLeakTolerance, 0.0);
  EXPECT_EQ(small.status, LeakStatus::leaked);
  EXPECT_DOUBLE_EQ(small.excess, 17 * kMiB);
  // Large heap: 1000 MiB steady, 10% = 100 MiB allowed.
  const LeakResult large =
      detect_leak(make_series(1.0, {1090 * kMiB, 1095 * kMiB}), 1000 * kMiB, kRssLeakTolerance, 0.0);
  EXPECT_EQ(large.status, LeakStatus::none);
  EXPECT_DOUBLE_EQ(large.allowed_excess, 100 * kMiB);
}

TEST(Leaks, IsUnknownWithTooLittleDataAfterSettle) {
  const Series threads = make_series(1.0, {10, 10, 10, 10, 10, 50, 50, 50, 50, 50, 50});
  const LeakResult result = detect_leak(threads, 10.0, kThreadsLeakTolerance, 10.0);
  EXPECT_EQ(result.status, LeakStatus::unknown);
  EXPECT_EQ(result.excess, 0);
  EXPECT_EQ(result.tail_samples, 1u);
  EXPECT_EQ(result.reason,
            "too little data after recovery and settle: 1 sample(s) from 10 s on, 2 needed (2 s); run longer after "
            "the last fault");
  // Gaps do not count towards the tail.
  EXPECT_EQ(detect_leak(make_series(1.0, {10, 50, kGap, kGap, 50}), 10.0, kThreadsLeakTolerance, 1.0).status,
            LeakStatus::leaked);
  EXPECT_EQ(detect_leak(make_series(1.0, {10, 50, kGap, kGap, kGap}), 10.0, kThreadsLeakTolerance, 1.0).status,
            LeakStatus::unknown);
}

TEST(Leaks, IsUnknownWithoutSteadyLevelOrStart) {
  const Series threads = make_series(1.0, {10, 10, 50, 50, 50});
  EXPECT_EQ(detect_leak(threads, std::nullopt, kThreadsLeakTolerance, 2.0).status, LeakStatus::unknown);
  const LeakResult no_start = detect_leak(threads, 10.0, kThreadsLeakTolerance, std::nullopt);
  EXPECT_EQ(no_start.status, LeakStatus::unknown);
  EXPECT_FALSE(no_start.reason.empty());
}

FaultRecovery recovered_at(double at_s) {
  FaultRecovery recovery;
  recovery.status = RecoveryStatus::recovered;
  recovery.recovered_at_s = at_s;
  recovery.time_to_recover_s = 0;
  return recovery;
}

TEST(LeakCheckStart, IsTheLatestRecoveryPlusSettleOrTheLoadEndWithoutFaults) {
  EXPECT_EQ(leak_check_start({recovered_at(22), recovered_at(41.5), recovered_at(30)}, 60, 5).from_s, 46.5);
  EXPECT_EQ(leak_check_start({}, 50, 5).from_s, 55);
  FaultRecovery never;
  never.status = RecoveryStatus::never;
  const LeakCheckStart start = leak_check_start({recovered_at(22), never}, 60, 5);
  EXPECT_FALSE(start.from_s);
  EXPECT_NE(start.reason.find("never recovered"), std::string::npos);
}

}  // namespace
}  // namespace faultline::analysis
