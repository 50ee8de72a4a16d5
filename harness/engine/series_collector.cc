#include "harness/engine/series_collector.h"

#include <algorithm>

namespace faultline::engine {

namespace {
double seconds(scenario::Duration d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

SeriesCollector::SeriesCollector(std::vector<std::string> generator_names, scenario::Duration interval)
    : names_(std::move(generator_names)), interval_(interval) {}

SeriesCollector::Row& SeriesCollector::row(std::uint64_t index) {
  Row& row = rows_[index];
  row.resize(names_.size());
  return row;
}

void SeriesCollector::add(std::size_t generator, const load::IntervalStats& reported, double span_s) {
  row(reported.index)[generator] = GeneratorInterval{names_[generator], result::summarize(reported.stats, span_s), {}};
}

void SeriesCollector::add(std::size_t generator, const load::StormInterval& reported, double span_s) {
  row(reported.index)[generator] =
      GeneratorInterval{names_[generator], {}, result::summarize(reported.stats, span_s)};
}

void SeriesCollector::notify_completed(RunObserver& observer) {
  for (auto it = rows_.find(next_to_notify_); it != rows_.end() && it->first == next_to_notify_; ++it) {
    const Row& row = it->second;
    if (!std::all_of(row.begin(), row.end(), [](const auto& interval) { return interval.has_value(); })) return;
    std::vector<GeneratorInterval> intervals;
    for (const auto& interval : row) intervals.push_back(*interval);
    observer.on_interval(static_cast<double>(it->first) * seconds(interval_), intervals);
    ++next_to_notify_;
  }
}

std::uint64_t SeriesCollector::interval_count(scenario::Duration ran) const {
  return static_cast<std::uint64_t>((ran + interval_ - scenario::Duration(1)) / interval_);
}

std::vector<result::SeriesPoint> SeriesCollector::series(std::size_t generator, scenario::Duration ran) const {
  std::vector<result::SeriesPoint> points;
  for (std::uint64_t i = 0; i < interval_count(ran); ++i) {
    result::SeriesPoint point;
    point.t_s = static_cast<double>(i) * seconds(interval_);
    point.summary.span_s = std::min(seconds(interval_), seconds(ran) - point.t_s);
    if (auto it = rows_.find(i); it != rows_.end() && it->second[generator]) point.summary = it->second[generator]->summary;
    points.push_back(point);
  }
  return points;
}

std::vector<result::ConnectionSeriesPoint> SeriesCollector::connection_series(std::size_t generator,
                                                                              scenario::Duration ran) const {
  std::vector<result::ConnectionSeriesPoint> points;
  for (std::uint64_t i = 0; i < interval_count(ran); ++i) {
    result::ConnectionSeriesPoint point;
    point.t_s = static_cast<double>(i) * seconds(interval_);
    point.summary.span_s = std::min(seconds(interval_), seconds(ran) - point.t_s);
    if (auto it = rows_.find(i); it != rows_.end() && it->second[generator] && it->second[generator]->connection) {
      point.summary = *it->second[generator]->connection;
    }
    points.push_back(point);
  }
  return points;
}

}  // namespace faultline::engine
