#include "reports/html/series_coarsening.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace faultline::reports::html {

namespace {

enum class Merge { mean, highest, lowest };

// Non-finite values (gaps) are left out of a group; a group of gaps is a gap.
std::vector<double> merge(const std::vector<double>& values, std::size_t factor, Merge how) {
  std::vector<double> out;
  out.reserve(values.size() / factor + 1);
  for (std::size_t from = 0; from < values.size(); from += factor) {
    const std::size_t to = std::min(values.size(), from + factor);
    double sum = 0, highest = -INFINITY, lowest = INFINITY;
    std::size_t finite = 0;
    for (std::size_t i = from; i < to; ++i) {
      if (!std::isfinite(values[i])) continue;
      sum += values[i];
      highest = std::max(highest, values[i]);
      lowest = std::min(lowest, values[i]);
      ++finite;
    }
    if (finite == 0) {
      out.push_back(NAN);
    } else {
      out.push_back(how == Merge::mean ? sum / static_cast<double>(finite) : how == Merge::highest ? highest : lowest);
    }
  }
  return out;
}

// Per-second rates by kind (errors by class, failures by kind): each kind's mean over a group.
std::map<std::string, std::vector<double>> merge_rates(const std::map<std::string, std::vector<double>>& by_kind,
                                                        std::size_t factor) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& [kind, rates] : by_kind) out[kind] = merge(rates, factor, Merge::mean);
  return out;
}

std::vector<double> group_starts(const std::vector<double>& t_s, std::size_t factor) {
  std::vector<double> out;
  for (std::size_t i = 0; i < t_s.size(); i += factor) out.push_back(t_s[i]);
  return out;
}

}  // namespace

std::size_t coarsening_factor(std::size_t points, std::size_t max_points) {
  if (max_points == 0 || points <= max_points) return 1;
  return (points + max_points - 1) / max_points;
}

GeneratorSeries coarsen(const GeneratorSeries& series, std::size_t factor) {
  if (factor <= 1) return series;
  GeneratorSeries out;
  out.t_s = group_starts(series.t_s, factor);
  out.throughput_rps = merge(series.throughput_rps, factor, Merge::mean);
  out.p50_ms = merge(series.p50_ms, factor, Merge::highest);
  out.p90_ms = merge(series.p90_ms, factor, Merge::highest);
  out.p99_ms = merge(series.p99_ms, factor, Merge::highest);
  out.max_ms = merge(series.max_ms, factor, Merge::highest);
  out.errors_by_class = merge_rates(series.errors_by_class, factor);
  return out;
}

ConnectionSeries coarsen(const ConnectionSeries& series, std::size_t factor) {
  if (factor <= 1) return series;
  ConnectionSeries out;
  out.t_s = group_starts(series.t_s, factor);
  out.connect_attempts_per_s = merge(series.connect_attempts_per_s, factor, Merge::mean);
  out.connects_per_s = merge(series.connects_per_s, factor, Merge::mean);
  out.connected = merge(series.connected, factor, Merge::lowest);
  out.connected_peak = merge(series.connected_peak, factor, Merge::highest);
  out.connect_p50_ms = merge(series.connect_p50_ms, factor, Merge::highest);
  out.connect_p99_ms = merge(series.connect_p99_ms, factor, Merge::highest);
  out.round_trip_p99_ms = merge(series.round_trip_p99_ms, factor, Merge::highest);
  out.delivery_p99_ms = merge(series.delivery_p99_ms, factor, Merge::highest);
  out.connect_failures = merge_rates(series.connect_failures, factor);
  out.disconnects = merge_rates(series.disconnects, factor);
  return out;
}

ResourceSeries coarsen(const ResourceSeries& series, std::size_t factor) {
  if (factor <= 1) return series;
  return {series.name, group_starts(series.t_s, factor), merge(series.values, factor, Merge::highest)};
}

}  // namespace faultline::reports::html
