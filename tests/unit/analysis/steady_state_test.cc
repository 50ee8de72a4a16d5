// The baseline window and the steady state of a series in it.
#include "harness/analysis/steady_state.h"

#include <gtest/gtest.h>

#include "tests/unit/analysis/synthetic_series.h"

namespace faultline::analysis {
namespace {

using testing::kGap;
using testing::make_series;

TEST(SteadyWindow, IsTheBaselineWindowBeforeTheFirstFaultAfterWarmup) {
  struct Case {
    const char* name;
    double warmup_s, baseline_s;
    std::optional<double> fault_s;
    double start_s, end_s;
  };
  const Case cases[] = {
      {"just before the fault", 5, 10, 20, 10, 20},
      {"cut at the end of warm-up", 5, 10, 12, 5, 12},
      {"no fault: right after warm-up", 5, 10, std::nullopt, 5, 15},
      {"fault during warm-up: empty", 5, 10, 3, 3, 3},
      {"no warm-up", 0, 10, 4, 0, 4},
  };
  for (const Case& c : cases) {
    const TimeWindow window = steady_window(c.warmup_s, c.baseline_s, c.fault_s);
    EXPECT_DOUBLE_EQ(window.start_s, c.start_s) << c.name;
    EXPECT_DOUBLE_EQ(window.end_s, c.end_s) << c.name;
  }
}

TEST(SteadyState, TakesTheSamplesOfTheWindowAndTheirMedian) {
  // Warm-up (0-2 s) is slow, the window 2-6 s is steady, the fault from 6 s is slow again.
  const Series p99 = make_series(1.0, {50, 40, 10, 12, 11, 13, 300, 310});
  const SteadyState state = steady_state(p99, steady_window(2, 4, 6.0));
  EXPECT_EQ(state.samples, (std::vector<double>{10, 12, 11, 13}));
  EXPECT_EQ(state.median, 11.5);
  EXPECT_EQ(state.missing, 0u);
}

TEST(SteadyState, CountsGapsAndHasNoMedianWithoutSamples) {
  const Series fds = make_series(0.5, {9, 9, kGap, 10, kGap, 11});
  const SteadyState state = steady_state(fds, {1, 3});
  EXPECT_EQ(state.samples, (std::vector<double>{10, 11}));
  EXPECT_EQ(state.missing, 2u);
  EXPECT_EQ(state.median, 10.5);

  const SteadyState empty = steady_state(fds, steady_window(5, 10, 3.0));
  EXPECT_TRUE(empty.samples.empty());
  EXPECT_FALSE(empty.median);
}

}  // namespace
}  // namespace faultline::analysis
