#include "harness/fault/cpu_hog.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

TEST(CpuHog, ReturnsAtOnceWhenTheDeadlineHasPassed) {
  const std::atomic<bool> stop{false};
  EXPECT_EQ(run_cpu_hog(2, steady_clock::now() - 1ms, stop), 0ns);
}

TEST(CpuHog, ReturnsAtOnceWhenToldToStop) {
  const std::atomic<bool> stop{true};
  EXPECT_EQ(run_cpu_hog(1, steady_clock::now() + 1h, stop), 0ns);
}

// A tenth of a core is busy 10 ms of each 100 ms period; before a deadline 30 ms away it burns
// about 10 ms, not 30 (the margin absorbs the thread being descheduled mid-spin).
TEST(CpuHog, AFractionOfACoreStaysBusyOnlyForItsShareOfThePeriod) {
  const std::atomic<bool> stop{false};
  const auto busy = run_cpu_hog(0.1, steady_clock::now() + 30ms, stop);
  EXPECT_GT(busy, 0ns);
  EXPECT_LT(busy, 25ms);
}

// One and a half cores: two threads, both busy throughout a window shorter than half a period.
TEST(CpuHog, StartsAThreadForEachStartedCore) {
  const std::atomic<bool> stop{false};
  const auto busy = run_cpu_hog(1.5, steady_clock::now() + 30ms, stop);
  EXPECT_GT(busy, 35ms);
}

TEST(CpuHog, RefusesCoreCountsOutsideItsRange) {
  const std::atomic<bool> stop{false};
  for (const double cores : {0.0, -1.0, std::nan(""), 2000.0}) {
    EXPECT_THROW(run_cpu_hog(cores, steady_clock::now() + 1ms, stop), std::invalid_argument) << cores;
  }
}

}  // namespace
}  // namespace faultline::fault
