#include "harness/load/load_stats.h"

#include <numeric>

namespace faultline::load {

std::uint64_t LoadCounts::error_total() const {
  return std::accumulate(errors.begin(), errors.end(), std::uint64_t{0});
}

void LoadCounts::merge(const LoadCounts& other) {
  sent += other.sent;
  ok += other.ok;
  late += other.late;
  connects += other.connects;
  for (std::size_t i = 0; i < errors.size(); ++i) errors[i] += other.errors[i];
}

void LoadStats::merge(const LoadStats& other) {
  counts.merge(other.counts);
  latency_us.merge(other.latency_us);
  schedule_lag_us.merge(other.schedule_lag_us);
}

void LoadStats::reset() {
  counts = LoadCounts{};
  latency_us.reset();
  schedule_lag_us.reset();
}

}  // namespace faultline::load
