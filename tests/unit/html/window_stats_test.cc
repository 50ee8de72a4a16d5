// The key numbers under each chart: range and median, overall and within a window.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/html/window_stats.h"

namespace faultline::reports::html {
namespace {

TEST(WindowStats, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(whole_stats({5, 1, 3}).median, 3);
  EXPECT_DOUBLE_EQ(whole_stats({4, 1, 3, 2}).median, 2.5);
}

TEST(WindowStats, SkipsNonFiniteSamples) {
  const WindowStats stats = whole_stats({1, std::nan(""), INFINITY, 3});
  EXPECT_EQ(stats.count, 2u);
  EXPECT_DOUBLE_EQ(stats.min, 1);
  EXPECT_DOUBLE_EQ(stats.max, 3);
}

TEST(WindowStats, CountsSamplesFromTheWindowStartUpToItsEnd) {
  const std::vector<double> t = {0, 1, 2, 3, 4};
  const std::vector<double> v = {10, 20, 30, 40, 50};
  const WindowStats stats = window_stats(t, v, 1, 3);
  EXPECT_EQ(stats.count, 2u);
  EXPECT_DOUBLE_EQ(stats.median, 25);
}

TEST(WindowStats, AnEmptyWindowHasNoFigures) {
  const WindowStats stats = window_stats({0, 1}, {1, 2}, 5, 6);
  EXPECT_EQ(stats.count, 0u);
  EXPECT_TRUE(std::isnan(stats.median));
}

}  // namespace
}  // namespace faultline::reports::html
