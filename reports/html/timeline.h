// What every time chart of the report shares, so that they line up one above the other: the
// x axis from the run's start to its end, the fault windows (shaded), the target's events and
// recovery instants (marked), and the table of each series' key numbers before and during each
// fault. The load and resource charts are built from these parts.
#pragma once

#include <string>
#include <vector>

#include "reports/html/figure.h"
#include "reports/html/run_view.h"
#include "reports/html/svg_chart.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

struct Timeline {
  double end_s = 1;
  std::vector<ChartBand> bands;      // the warm-up and every fault window
  std::vector<ChartMarker> markers;  // target events, recoveries
};

Timeline make_timeline(const RunView& run);

// Short fault names for labels and table headers: "#1", "#2" in the order of result.json.
std::string fault_tag(std::size_t index);

// An empty time chart on the shared axis, with the timeline's bands and markers.
ChartSpec time_chart(const Timeline& timeline, std::string id, std::string title, std::string y_title, std::string unit);

// Samples as chart points, each at t_s[i] + offset_s (an interval is drawn at its middle).
std::vector<ChartPoint> time_points(const std::vector<double>& t_s, const std::vector<double>& values, double offset_s);

// One row of a key-numbers table: a series as recorded (every interval, not coarsened).
struct NamedSeries {
  std::string label;
  const std::vector<double>* t_s;
  const std::vector<double>* values;
  double offset_s;  // from a sample's t to the instant it stands for (an interval's middle)
};

// min / median / max over the run, the median before the first fault and during each fault.
KeyTable series_table(const std::string& caption, const std::vector<NamedSeries>& series, const RunView& run, Unit unit);

// Says how a coarsened chart's points were formed ("each point: 4 intervals of 250ms, their
// highest"); empty when the chart draws every interval.
std::string coarsening_note(std::size_t factor, double interval_s, const std::string& how);

// A chart's note with `extra` (such as its coarsening_note) after a semicolon; the note alone
// when `extra` is empty.
std::string with_note(const std::string& note, const std::string& extra);

}  // namespace faultline::reports::html
