// Decoding a result's latency histogram into the percentile curve the report draws.
#include <gtest/gtest.h>

#include "harness/load/histogram.h"
#include "reports/html/percentile_curve.h"

namespace faultline::reports::html {
namespace {

TEST(PercentileCurve, RisesFromTheFastestToTheSlowestRequest) {
  load::Histogram histogram;
  for (std::uint64_t us = 1; us <= 1000; ++us) histogram.record(us);  // 1 µs .. 1 ms, evenly
  const auto curve = decode_percentile_curve(histogram.encode());
  ASSERT_TRUE(curve);
  EXPECT_EQ(curve->count, 1000u);
  EXPECT_DOUBLE_EQ(curve->max_ms, 1.0);
  ASSERT_GE(curve->points.size(), 10u);
  EXPECT_DOUBLE_EQ(curve->points.front().percentile, 0);
  EXPECT_DOUBLE_EQ(curve->points.back().latency_ms, 1.0);
  for (std::size_t i = 1; i < curve->points.size(); ++i) {
    EXPECT_GE(curve->points[i].percentile, curve->points[i - 1].percentile);
    EXPECT_GE(curve->points[i].latency_ms, curve->points[i - 1].latency_ms);
  }
}

TEST(PercentileCurve, ReadsKeyPercentilesFromTheHistogram) {
  load::Histogram histogram;
  for (int i = 0; i < 990; ++i) histogram.record(500);
  for (int i = 0; i < 10; ++i) histogram.record(200000);
  const auto curve = decode_percentile_curve(histogram.encode());
  ASSERT_TRUE(curve);
  ASSERT_EQ(curve->key_percentiles_ms.size(), 5u);
  EXPECT_EQ(curve->key_percentiles_ms[0].first, 50);
  EXPECT_DOUBLE_EQ(curve->key_percentiles_ms[0].second, 0.5);   // p50
  EXPECT_DOUBLE_EQ(curve->key_percentiles_ms[2].second, 0.5);   // p99: the 990th of 1000
  EXPECT_DOUBLE_EQ(curve->key_percentiles_ms[3].second, 200);   // p99.9
}

TEST(PercentileCurve, BoundsItsSizeWhateverTheHistogramHolds) {
  load::Histogram histogram;
  for (std::uint64_t us = 1; us < 5'000'000; us += 7) histogram.record(us);
  const auto curve = decode_percentile_curve(histogram.encode(), 24);
  ASSERT_TRUE(curve);
  EXPECT_LE(curve->points.size(), 24u * 7u + 2u);
}

TEST(PercentileCurve, AnEmptyHistogramHasNoPoints) {
  const auto curve = decode_percentile_curve(load::Histogram().encode());
  ASSERT_TRUE(curve);
  EXPECT_EQ(curve->count, 0u);
  EXPECT_TRUE(curve->points.empty());
  EXPECT_TRUE(curve->key_percentiles_ms.empty());
}

TEST(PercentileCurve, ASingleRequestIsACurveOfItsOwnValue) {
  load::Histogram histogram;
  histogram.record(1234);
  const auto curve = decode_percentile_curve(histogram.encode());
  ASSERT_TRUE(curve);
  ASSERT_FALSE(curve->points.empty());
  EXPECT_DOUBLE_EQ(curve->points.back().latency_ms, 1.234);
}

TEST(PercentileCurve, RejectsTextItCannotDecode) {
  EXPECT_FALSE(decode_percentile_curve(""));
  EXPECT_FALSE(decode_percentile_curve("hdr2:us:4096:1:AAAA"));
  EXPECT_FALSE(decode_percentile_curve("hdr1:us:2048:4294967295:!!!!"));
}

TEST(PercentileAxis, SpacesTheNinesEvenly) {
  EXPECT_DOUBLE_EQ(percentile_axis_value(0), 1);
  EXPECT_NEAR(percentile_axis_value(90), 10, 1e-9);
  EXPECT_NEAR(percentile_axis_value(99.9), 1000, 1e-6);
  EXPECT_EQ(percentile_axis_label(1), "0%");
  EXPECT_EQ(percentile_axis_label(2), "50%");
  EXPECT_EQ(percentile_axis_label(10), "90%");
  EXPECT_EQ(percentile_axis_label(100), "99%");
  EXPECT_EQ(percentile_axis_label(1000), "99.9%");
  EXPECT_EQ(percentile_axis_label(10000), "99.99%");
  EXPECT_EQ(percentile_axis_label(0.5), "");
}

}  // namespace
}  // namespace faultline::reports::html
