// A generator's summary figures from its counters and histograms.
#include "harness/result/load_summary.h"

#include <gtest/gtest.h>

namespace faultline::result {
namespace {

TEST(LoadSummary, ErrorRateCountsFailuresAmongFinishedRequests) {
  load::LoadStats stats;
  stats.counts.ok = 990;
  stats.counts.errors[static_cast<std::size_t>(load::ErrorClass::timeout)] = 6;
  stats.counts.errors[static_cast<std::size_t>(load::ErrorClass::http_5xx)] = 4;
  const LoadSummary summary = summarize(stats, 10.0);
  EXPECT_DOUBLE_EQ(summary.error_rate, 0.01);
}

TEST(LoadSummary, ThroughputIsResponsesPerSecondOfTheSpan) {
  load::LoadStats stats;
  for (int i = 0; i < 500; ++i) stats.latency_us.record(200);
  EXPECT_DOUBLE_EQ(summarize(stats, 2.0).throughput_rps, 250.0);
  EXPECT_DOUBLE_EQ(summarize(stats, 0.0).throughput_rps, 0.0);
}

TEST(LoadSummary, PercentilesAreInMilliseconds) {
  load::LoadStats stats;
  for (int i = 1; i <= 100; ++i) stats.latency_us.record(static_cast<std::uint64_t>(i) * 1000);
  const LoadSummary summary = summarize(stats, 1.0);
  EXPECT_NEAR(summary.latency.p50_ms, 50.0, 0.05);
  EXPECT_NEAR(summary.latency.p99_ms, 99.0, 0.1);
  EXPECT_DOUBLE_EQ(summary.latency.max_ms, 100.0);
}

TEST(LoadSummary, EmptyStatsGiveZerosNotNaN) {
  const LoadSummary summary = summarize(load::LoadStats{}, 1.0);
  EXPECT_EQ(summary.error_rate, 0.0);
  EXPECT_EQ(summary.latency.p99_ms, 0.0);
}

}  // namespace
}  // namespace faultline::result
