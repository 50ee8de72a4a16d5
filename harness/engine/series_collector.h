// Assembles the per-interval series of every generator of a run as the workers report their
// intervals, and tells the live observer about each interval once every generator finished it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/engine/run_observer.h"
#include "harness/load/http_worker.h"
#include "harness/load/storm_worker.h"
#include "harness/result/load_summary.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class SeriesCollector {
 public:
  // Generators are numbered in the order of `generator_names`: HTTP generators first, then
  // connection-level ones.
  SeriesCollector(std::vector<std::string> generator_names, scenario::Duration interval);

  // Generator `generator` finished interval `reported.index`; `span_s` is how much of the
  // interval the run covered (less than the interval only for the last one).
  void add(std::size_t generator, const load::IntervalStats& reported, double span_s);
  void add(std::size_t generator, const load::StormInterval& reported, double span_s);

  // Calls observer.on_interval for every interval now complete for every generator, in order,
  // each once.
  void notify_completed(RunObserver& observer);

  // One generator's series over the first `ran` of the run: one point per interval, zeros
  // where it reported nothing (before its window starts, after it ends).
  std::vector<result::SeriesPoint> series(std::size_t generator, scenario::Duration ran) const;
  std::vector<result::ConnectionSeriesPoint> connection_series(std::size_t generator, scenario::Duration ran) const;

 private:
  using Row = std::vector<std::optional<GeneratorInterval>>;  // by generator
  Row& row(std::uint64_t index);
  std::uint64_t interval_count(scenario::Duration ran) const;

  std::vector<std::string> names_;
  scenario::Duration interval_;
  std::map<std::uint64_t, Row> rows_;  // by interval index
  std::uint64_t next_to_notify_ = 0;
};

}  // namespace faultline::engine
