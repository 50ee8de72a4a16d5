// The chart axes: round tick values on linear and log scales, and their labels.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reports/html/axis_scale.h"

namespace faultline::reports::html {
namespace {

TEST(NiceStep, IsOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(nice_step(10, 5), 2);
  EXPECT_DOUBLE_EQ(nice_step(100, 5), 20);
  EXPECT_DOUBLE_EQ(nice_step(7, 5), 2);
  EXPECT_DOUBLE_EQ(nice_step(1, 5), 0.2);
  EXPECT_DOUBLE_EQ(nice_step(0.03, 6), 0.005);
  EXPECT_DOUBLE_EQ(nice_step(1e12, 5), 2e11);
}

TEST(NiceStep, FallsBackToOneForEmptyOrNonFiniteSpans) {
  EXPECT_DOUBLE_EQ(nice_step(0, 5), 1);
  EXPECT_DOUBLE_EQ(nice_step(-3, 5), 1);
  EXPECT_DOUBLE_EQ(nice_step(std::nan(""), 5), 1);
  EXPECT_DOUBLE_EQ(nice_step(std::numeric_limits<double>::infinity(), 5), 1);
}

TEST(LinearScale, ExtendsAValueAxisToRoundTicks) {
  const AxisScale scale = AxisScale::linear(0, 937, 200, 0, 5, true);
  EXPECT_DOUBLE_EQ(scale.lowest(), 0);
  EXPECT_DOUBLE_EQ(scale.highest(), 1000);
  EXPECT_EQ(scale.ticks(), (std::vector<double>{0, 200, 400, 600, 800, 1000}));
  EXPECT_DOUBLE_EQ(scale.to_pixel(0), 200);
  EXPECT_DOUBLE_EQ(scale.to_pixel(500), 100);
  EXPECT_DOUBLE_EQ(scale.to_pixel(1000), 0);
}

TEST(LinearScale, KeepsATimeAxisExactlyToTheRun) {
  const AxisScale scale = AxisScale::linear(0, 15.3, 0, 100, 10, false);
  EXPECT_DOUBLE_EQ(scale.highest(), 15.3);
  EXPECT_DOUBLE_EQ(scale.ticks().back(), 14);
  EXPECT_DOUBLE_EQ(scale.tick_step(), 2);
}

TEST(LinearScale, TicksDoNotAccumulateRoundingError) {
  const AxisScale scale = AxisScale::linear(0, 0.9, 0, 100, 10, true);
  ASSERT_GE(scale.ticks().size(), 4u);
  EXPECT_EQ(format_tick(scale.ticks()[3], scale.tick_step()), "0.3");
}

TEST(LinearScale, GivesAFlatOrEmptyRangeAVisibleSpan) {
  const AxisScale zero = AxisScale::linear(0, 0, 100, 0, 5, true);
  EXPECT_DOUBLE_EQ(zero.lowest(), 0);
  EXPECT_DOUBLE_EQ(zero.highest(), 1);
  const AxisScale flat = AxisScale::linear(200, 200, 100, 0, 5, true);
  EXPECT_LT(flat.lowest(), 200);
  EXPECT_GT(flat.highest(), 200);
  const AxisScale nan = AxisScale::linear(std::nan(""), 3, 100, 0, 5, true);
  EXPECT_TRUE(std::isfinite(nan.lowest()));
  EXPECT_TRUE(std::isfinite(nan.highest()));
}

TEST(LinearScale, HandlesHugeValues) {
  const AxisScale scale = AxisScale::linear(0, 1e12, 100, 0, 5, true);
  EXPECT_DOUBLE_EQ(scale.highest(), 1e12);
  EXPECT_EQ(format_tick(scale.ticks()[1], scale.tick_step()), "200G");
  EXPECT_EQ(format_tick(scale.ticks().back(), scale.tick_step()), "1T");
}

TEST(LogScale, CoversWholeDecadesWithTwoAndFiveBetweenWhenFew) {
  const AxisScale scale = AxisScale::log(0.3, 8, 100, 0);
  EXPECT_DOUBLE_EQ(scale.lowest(), 0.1);
  EXPECT_DOUBLE_EQ(scale.highest(), 10);
  EXPECT_EQ(scale.ticks(), (std::vector<double>{0.1, 0.2, 0.5, 1, 2, 5, 10}));
  EXPECT_DOUBLE_EQ(scale.to_pixel(1), 50);
  const AxisScale wide = AxisScale::log(0.3, 40, 100, 0);
  EXPECT_EQ(wide.ticks(), (std::vector<double>{0.1, 1, 10, 100}));
}

TEST(LogScale, ThinsTicksOverManyDecades) {
  const AxisScale scale = AxisScale::log(1e-3, 1e12, 100, 0);
  EXPECT_LE(scale.ticks().size(), 9u);
  for (double tick : scale.ticks()) EXPECT_DOUBLE_EQ(std::log10(tick), std::round(std::log10(tick)));
}

TEST(LogScale, ClampsNonPositiveAndNonFiniteBounds) {
  const AxisScale scale = AxisScale::log(0, std::numeric_limits<double>::infinity(), 100, 0);
  EXPECT_GT(scale.lowest(), 0);
  EXPECT_TRUE(std::isfinite(scale.highest()));
  EXPECT_FALSE(scale.can_show(0));
  EXPECT_FALSE(scale.can_show(-1));
  EXPECT_FALSE(scale.can_show(std::nan("")));
  EXPECT_TRUE(scale.can_show(0.5));
}

TEST(FormatTick, UsesSiSuffixesAndOnlyNeededDecimals) {
  EXPECT_EQ(format_tick(0, 200), "0");
  EXPECT_EQ(format_tick(1500, 500), "1.5k");
  EXPECT_EQ(format_tick(2000000, 1000000), "2M");
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(-0.0, 1), "0");
  EXPECT_EQ(format_tick(0.001, 0), "0.001");
}

TEST(FormatTick, NeverWritesNanOrInf) {
  EXPECT_EQ(format_tick(std::nan(""), 1), "");
  EXPECT_EQ(format_tick(std::numeric_limits<double>::infinity(), 1), "");
}

}  // namespace
}  // namespace faultline::reports::html
