#include "reports/html/window_stats.h"

#include <algorithm>

namespace faultline::reports::html {

namespace {

WindowStats stats_of(std::vector<double> samples) {
  WindowStats stats;
  stats.count = samples.size();
  if (samples.empty()) return stats;
  std::sort(samples.begin(), samples.end());
  stats.min = samples.front();
  stats.max = samples.back();
  const std::size_t middle = samples.size() / 2;
  stats.median = samples.size() % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  return stats;
}

}  // namespace

WindowStats window_stats(const std::vector<double>& t_s, const std::vector<double>& values, double from_s, double to_s) {
  std::vector<double> samples;
  for (std::size_t i = 0; i < std::min(t_s.size(), values.size()); ++i) {
    if (t_s[i] >= from_s && t_s[i] < to_s && std::isfinite(values[i])) samples.push_back(values[i]);
  }
  return stats_of(std::move(samples));
}

WindowStats whole_stats(const std::vector<double>& values) {
  std::vector<double> samples;
  for (double value : values) {
    if (std::isfinite(value)) samples.push_back(value);
  }
  return stats_of(std::move(samples));
}

}  // namespace faultline::reports::html
