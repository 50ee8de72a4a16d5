#include "reports/html/idle_intervals.h"

#include <algorithm>
#include <cmath>

namespace faultline::reports::html {

namespace {

bool recorded_something(const IntervalFigures& figures, std::size_t i) {
  const auto above_zero = [i](const std::vector<double>* values) { return (*values)[i] > 0; };
  const auto any_kind_above_zero = [i](const std::map<std::string, std::vector<double>>* by_kind) {
    return std::any_of(by_kind->begin(), by_kind->end(), [i](const auto& kind) { return kind.second[i] > 0; });
  };
  return std::any_of(figures.values.begin(), figures.values.end(), above_zero) ||
         std::any_of(figures.by_kind.begin(), figures.by_kind.end(), any_kind_above_zero);
}

}  // namespace

void blank_idle_intervals(const std::vector<double>& t_s, double interval_s, double start_s, std::optional<double> end_s,
                          const IntervalFigures& figures) {
  const double stop_s = end_s.value_or(INFINITY);
  for (std::size_t i = 0; i < t_s.size(); ++i) {
    if ((t_s[i] + interval_s > start_s && t_s[i] < stop_s) || recorded_something(figures, i)) continue;
    for (std::vector<double>* values : figures.values) (*values)[i] = NAN;
    for (auto* by_kind : figures.by_kind) {
      for (auto& [kind, counts] : *by_kind) counts[i] = NAN;
    }
  }
}

}  // namespace faultline::reports::html
