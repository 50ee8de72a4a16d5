// One chart as it appears in the report: a titled <figure> holding the SVG (and, on request, a
// log-scale variant behind a CSS-only toggle), a legend, the table of the chart's key numbers
// (so the figures exist as text for screen readers and for copying), and the hover data.
#pragma once

#include <string>
#include <vector>

#include "reports/html/svg_chart.h"

namespace faultline::reports::html {

struct KeyTable {
  std::string caption;
  std::vector<std::string> columns;  // headers of the value columns; the first column names the row
  struct Row {
    std::string label;
    std::vector<std::string> cells;  // formatted values, one per column
  };
  std::vector<Row> rows;
};

// A latency chart whose values span this ratio starts on the log scale: a 200 ms fault over a
// 0.2 ms baseline would otherwise flatten everything but the fault to the axis.
inline constexpr double kLogByDefaultRatio = 10;

struct Figure {
  std::string title;
  std::string note;        // one line under the title: what to look for
  ChartSpec chart;         // its id names the figure on the page
  bool log_option = false;      // also draw a log-scale value axis, and a box to switch to it
  bool log_by_default = false;  // the box starts checked (latency: values spanning kLogByDefaultRatio)
  KeyTable table;
};

std::string render_figure(const Figure& figure);

}  // namespace faultline::reports::html
