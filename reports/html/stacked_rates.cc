#include "reports/html/stacked_rates.h"

#include "reports/html/palette.h"
#include "reports/html/timeline.h"

namespace faultline::reports::html {

void add_stacked_rates(ChartSpec& chart, const std::vector<double>& t_s, const CountsByClass& counts, double interval_s, double offset_s) {
  std::vector<double> stacked(t_s.size(), 0.0);
  for (const auto& [name, values] : counts) {
    ChartSeries series{name, name, std::string(palette::error_class(name)), false, {}, stacked};
    for (std::size_t i = 0; i < stacked.size() && i < values.size(); ++i) {
      stacked[i] += values[i] / interval_s;
      series.points.push_back({t_s[i] + offset_s, stacked[i]});
    }
    chart.series.push_back(std::move(series));
  }
}

KeyTable rates_table(const std::string& caption, const std::vector<double>& t_s, const CountsByClass& counts, const RunView& run) {
  std::vector<std::vector<double>> per_second;
  per_second.reserve(counts.size());  // no reallocation: the rows point into it
  std::vector<NamedSeries> rows;
  for (const auto& [name, values] : counts) {
    std::vector<double>& rate = per_second.emplace_back();
    for (const double count : values) rate.push_back(count / run.interval_s);
    rows.push_back({name, &t_s, &rate, run.interval_s / 2});
  }
  return series_table(caption, rows, run, Unit::rate);
}

}  // namespace faultline::reports::html
