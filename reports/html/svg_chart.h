// The SVG chart builder: lines and stacked areas over a linear or log axis, with shaded windows
// (faults), vertical markers (target events, recovery) and horizontal levels (a memory limit).
// The output is static inline SVG that reads without JavaScript; hover_json() gives the page's
// small script the values to show under the pointer.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "reports/html/axis_scale.h"

namespace faultline::reports::html {

struct ChartPoint {
  double x = 0;
  double y = 0;
};

struct ChartSeries {
  std::string key;      // stable name, shared by the same series in a chart's linear and log variants
  std::string label;    // legend and hover text
  std::string colour;   // CSS colour
  bool dashed = false;  // a baseline run's series
  std::vector<ChartPoint> points;  // non-finite values are gaps, never drawn
  // When set (one per point), the series is an area filled from lower[i] up to points[i].y:
  // stacked error classes. Hover shows points[i].y - lower[i], the class's own value.
  std::vector<double> lower;
};

// A shaded window across the plot: a fault from its start to its end, or the warm-up.
struct ChartBand {
  double from_x = 0;
  double to_x = 0;
  std::string label;
  std::string css_class = "fault";
};

// A vertical line at one instant; `css_class` says what it is ("event", "recovery").
struct ChartMarker {
  double x = 0;
  std::string label;
  std::string css_class;
};

// A horizontal reference line, such as the target's memory limit.
struct ChartLevel {
  double y = 0;
  std::string label;
};

struct ChartAxis {
  std::string title;                       // says the unit: "latency (ms)"
  ScaleKind scale = ScaleKind::linear;
  std::optional<double> lowest, highest;   // a fixed domain; otherwise the data's range
  bool include_zero = true;                // linear value axes start at zero
  std::function<std::string(double)> label;  // tick labels; format_tick when empty
  std::string unit;  // how hover values read: "ms", "/s"; "percentile" for the distribution's x axis
};

struct ChartSpec {
  std::string id;     // unique on the page (clip path, hover data)
  std::string title;  // the accessible name of the image
  double width_px = 960;
  double height_px = 220;
  ChartAxis x, y;
  std::vector<ChartSeries> series;
  std::vector<ChartBand> bands;
  std::vector<ChartMarker> markers;
  std::vector<ChartLevel> levels;
};

// Space around the plot for tick labels, axis titles and band labels.
struct ChartMargins {
  double left_px = 64, right_px = 20, top_px = 26, bottom_px = 38;
};
inline constexpr ChartMargins kChartMargins{};

std::string render_svg(const ChartSpec& chart);

// {"unit", "x_unit", "series": [{"key", "label", "colour", "x": [...], "y": [...]}]}: what the
// hover script shows at the pointer, per series (a baseline's x values differ); gaps are null.
nlohmann::json hover_json(const ChartSpec& chart);

}  // namespace faultline::reports::html
