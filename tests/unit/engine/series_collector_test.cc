// The run's per-interval series: assembled from workers' reports, complete intervals announced
// in order exactly once, gaps filled with zeros.
#include "harness/engine/series_collector.h"

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

using std::chrono::seconds;

class RecordingObserver : public RunObserver {
 public:
  void on_interval(double t_s, const std::vector<GeneratorInterval>& generators) override {
    seen.push_back(t_s);
    last = generators;
  }
  std::vector<double> seen;
  std::vector<GeneratorInterval> last;
};

load::IntervalStats interval_with(std::uint64_t index, std::uint64_t ok) {
  load::IntervalStats stats;
  stats.index = index;
  stats.stats.counts.ok = ok;
  for (std::uint64_t i = 0; i < ok; ++i) stats.stats.latency_us.record(1000);
  return stats;
}

TEST(SeriesCollector, AnnouncesAnIntervalOnlyOnceEveryGeneratorReportedIt) {
  SeriesCollector collector({"a", "b"}, seconds(1));
  RecordingObserver observer;
  collector.add(0, interval_with(0, 10), 1.0);
  collector.notify_completed(observer);
  EXPECT_TRUE(observer.seen.empty());
  collector.add(1, interval_with(0, 20), 1.0);
  collector.notify_completed(observer);
  ASSERT_EQ(observer.seen.size(), 1u);
  EXPECT_EQ(observer.last[1].generator, "b");
  EXPECT_EQ(observer.last[1].summary.counts.ok, 20u);
  collector.notify_completed(observer);
  EXPECT_EQ(observer.seen.size(), 1u);
}

TEST(SeriesCollector, AnnouncesIntervalsInOrder) {
  SeriesCollector collector({"a"}, seconds(2));
  RecordingObserver observer;
  collector.add(0, interval_with(1, 1), 2.0);
  collector.notify_completed(observer);
  EXPECT_TRUE(observer.seen.empty());  // interval 0 is still missing
  collector.add(0, interval_with(0, 1), 2.0);
  collector.notify_completed(observer);
  EXPECT_EQ(observer.seen, (std::vector<double>{0.0, 2.0}));
}

TEST(SeriesCollector, SeriesCoversTheRunWithZerosWhereNothingWasReported) {
  SeriesCollector collector({"a"}, seconds(1));
  collector.add(0, interval_with(1, 50), 1.0);
  const auto series = collector.series(0, std::chrono::milliseconds(2500));
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].summary.counts.ok, 0u);
  EXPECT_EQ(series[1].summary.counts.ok, 50u);
  EXPECT_DOUBLE_EQ(series[1].summary.throughput_rps, 50.0);
  EXPECT_DOUBLE_EQ(series[2].t_s, 2.0);
  EXPECT_DOUBLE_EQ(series[2].summary.span_s, 0.5);  // the run ended mid-interval
}

}  // namespace
}  // namespace faultline::engine
