// Which intervals of a series belong to a stretch of time: by midpoint, clipped to the data.
#include "harness/analysis/series.h"

#include <gtest/gtest.h>

#include "tests/unit/analysis/synthetic_series.h"

namespace faultline::analysis {
namespace {

using testing::kGap;
using testing::make_series;

TEST(Series, IntervalsInAWindowAreThoseWhoseMidpointLiesInIt) {
  const Series series = make_series(1.0, std::vector<double>(60, 1.0));
  struct Case {
    TimeWindow window;
    std::size_t first, last;
  };
  const Case cases[] = {
      {{5, 15}, 5, 15},           // on the grid
      {{20.001, 30.002}, 20, 30},  // fault edges a few ms late: the intervals mostly inside
      {{30.002, 60}, 30, 60},      // after that fault: from the interval starting at 30 s
      {{4.5, 5.5}, 4, 5},          // a midpoint on the start edge counts, on the end edge not
      {{10.2, 10.4}, 10, 10},      // holds no midpoint: empty
      {{55, 70}, 55, 60},          // clipped to the data
      {{-5, 2}, 0, 2},
      {{70, 80}, 60, 60},
      {{15, 5}, 15, 15},           // reversed: empty
  };
  for (const Case& c : cases) {
    const IndexRange range = intervals_in(series, c.window);
    EXPECT_EQ(range.first, c.first) << c.window.start_s << ".." << c.window.end_s;
    EXPECT_EQ(range.last, c.last) << c.window.start_s << ".." << c.window.end_s;
  }
  // Fractional intervals: 0.1 * 150 is not exactly 15 in floating point.
  const Series fine = make_series(0.1, std::vector<double>(300, 1.0));
  const IndexRange range = intervals_in(fine, {5, 15});
  EXPECT_EQ(range.first, 50u);
  EXPECT_EQ(range.last, 150u);
}

TEST(Series, IntervalsTouchingAWindowIncludeEveryOverlap) {
  const Series series = make_series(1.0, std::vector<double>(10, 1.0));
  EXPECT_EQ(intervals_touching(series, {3.2, 3.4}).first, 3u);
  EXPECT_EQ(intervals_touching(series, {3.2, 3.4}).last, 4u);
  EXPECT_EQ(intervals_touching(series, {2.9, 4.1}).size(), 3u);
  EXPECT_EQ(intervals_touching(series, {3, 4}).size(), 1u);
  EXPECT_TRUE(intervals_touching(series, {4, 4}).empty());
}

TEST(Series, PresentValuesSkipGaps) {
  const Series series = make_series(1.0, {1, kGap, 3, kGap, 5});
  EXPECT_EQ(present_values(series, {0, 5}), (std::vector<double>{1, 3, 5}));
  EXPECT_EQ(present_values(series, {1, 2}), std::vector<double>{});
  EXPECT_EQ(series.end_s(), 5.0);
  EXPECT_FALSE(series.at(1));
  EXPECT_FALSE(series.at(99));
}

}  // namespace
}  // namespace faultline::analysis
