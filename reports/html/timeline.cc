#include "reports/html/timeline.h"

#include <algorithm>

#include "reports/html/window_stats.h"

namespace faultline::reports::html {

namespace {

// Beyond this many faults the per-fault columns would crowd the key-number tables.
constexpr std::size_t kMaxFaultColumns = 4;

}  // namespace

std::string fault_tag(std::size_t index) { return "#" + std::to_string(index + 1); }

Timeline make_timeline(const RunView& run) {
  Timeline timeline;
  timeline.end_s = run.time_axis_end_s();
  if (run.warmup_s > 0) timeline.bands.push_back({0, run.warmup_s, "warm-up", "warmup"});
  for (std::size_t i = 0; i < run.faults.size(); ++i) {
    const FaultView& fault = run.faults[i];
    timeline.bands.push_back({fault.from_s(timeline.end_s), fault.to_s(timeline.end_s), fault_tag(i) + " " + fault.label(), "fault"});
  }
  for (const TargetEventView& event : run.events) timeline.markers.push_back({event.t_s, event.short_label(), "event"});
  for (const RecoveryView& recovery : run.recovery) {
    if (recovery.fault >= run.faults.size() || !recovery.time_to_recover_s) continue;
    const double fault_end_s = run.faults[recovery.fault].to_s(timeline.end_s);
    timeline.markers.push_back({fault_end_s + *recovery.time_to_recover_s,
                                "recovered from " + fault_tag(recovery.fault) + " after " + format_value(*recovery.time_to_recover_s, Unit::seconds),
                                "recovery"});
  }
  return timeline;
}

ChartSpec time_chart(const Timeline& timeline, std::string id, std::string title, std::string y_title, std::string unit) {
  ChartSpec chart;
  chart.id = std::move(id);
  chart.title = std::move(title);
  chart.x.title = "time since start (s)";
  chart.x.lowest = 0;
  chart.x.highest = timeline.end_s;
  chart.x.unit = "s";
  chart.y.title = std::move(y_title);
  chart.y.unit = std::move(unit);
  chart.bands = timeline.bands;
  chart.markers = timeline.markers;
  return chart;
}

std::vector<ChartPoint> time_points(const std::vector<double>& t_s, const std::vector<double>& values, double offset_s) {
  std::vector<ChartPoint> out;
  for (std::size_t i = 0; i < std::min(t_s.size(), values.size()); ++i) out.push_back({t_s[i] + offset_s, values[i]});
  return out;
}

KeyTable series_table(const std::string& caption, const std::vector<NamedSeries>& series, const RunView& run, Unit unit) {
  KeyTable table{caption, {"min", "median", "max"}, {}};
  const double end_s = run.time_axis_end_s();
  const std::size_t faults = std::min(run.faults.size(), kMaxFaultColumns);
  if (faults > 0) table.columns.push_back("median before " + fault_tag(0));
  for (std::size_t f = 0; f < faults; ++f) table.columns.push_back("median during " + fault_tag(f));
  for (const NamedSeries& s : series) {
    const WindowStats all = whole_stats(*s.values);
    KeyTable::Row row{s.label, {format_value(all.min, unit), format_value(all.median, unit), format_value(all.max, unit)}};
    // A sample belongs to a window when the instant it stands for lies in it.
    const auto median_between = [&](double from_s, double to_s) {
      return format_value(window_stats(*s.t_s, *s.values, from_s - s.offset_s, to_s - s.offset_s).median, unit);
    };
    if (faults > 0) row.cells.push_back(median_between(run.warmup_s, run.faults[0].from_s(end_s)));
    for (std::size_t f = 0; f < faults; ++f) {
      // An instant fault (a kill, a signal) is judged by the interval it fell in.
      const double from_s = run.faults[f].from_s(end_s);
      row.cells.push_back(median_between(from_s, std::max(run.faults[f].to_s(end_s), from_s + run.interval_s)));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string coarsening_note(std::size_t factor, double interval_s, const std::string& how) {
  if (factor <= 1) return "";
  return "each point: " + std::to_string(factor) + " intervals of " + format_value(interval_s, Unit::seconds) + ", " + how;
}

std::string with_note(const std::string& note, const std::string& extra) { return extra.empty() ? note : note + "; " + extra; }

}  // namespace faultline::reports::html
