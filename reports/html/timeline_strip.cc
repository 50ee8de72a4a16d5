#include "reports/html/timeline_strip.h"

#include <algorithm>
#include <cstdio>

#include "reports/html/axis_scale.h"
#include "reports/html/html_escape.h"
#include "reports/html/palette.h"
#include "reports/html/svg_chart.h"
#include "reports/html/timeline.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

constexpr double kWidthPx = 960;
constexpr double kRowPx = 24;
constexpr double kBarPx = 16;

std::string px(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

struct Row {
  std::string label;
  std::string colour;
  double from_s, to_s;
  std::string css_class;                      // "phase", "load", "fault"
  std::optional<std::pair<double, double>> planned;  // faults: the planned window, outlined
};

std::string seconds_text(double s) { return format_value(s, Unit::seconds); }

}  // namespace

std::string_view connection_colour(const RunView& run, std::size_t index) { return palette::line(run.generators.size() + index); }

std::string render_timeline_strip(const RunView& run) {
  const double end_s = run.time_axis_end_s();
  std::vector<Row> rows;
  if (run.warmup_s > 0) rows.push_back({"warm-up (not measured)", std::string(palette::kGrey), 0, run.warmup_s, "phase", {}});
  for (std::size_t i = 0; i < run.generators.size(); ++i) {
    const GeneratorView& g = run.generators[i];
    rows.push_back({"load " + g.name + (g.model.empty() ? "" : " (" + g.model + " model)"), std::string(palette::line(i)), g.start_s,
                    std::min(g.end_s().value_or(end_s), end_s), "load", {}});
  }
  for (std::size_t i = 0; i < run.connections.size(); ++i) {
    const ConnectionView& c = run.connections[i];
    rows.push_back({"load " + c.name + (c.kind.empty() ? "" : " (" + c.kind + ")"), std::string(connection_colour(run, i)), c.start_s,
                    std::min(c.end_s().value_or(end_s), end_s), "load", {}});
  }
  for (std::size_t i = 0; i < run.faults.size(); ++i) {
    const FaultView& f = run.faults[i];
    std::optional<std::pair<double, double>> planned;
    if (std::isfinite(f.planned_at_s)) planned = {f.planned_at_s, f.planned_for_s ? f.planned_at_s + *f.planned_for_s : end_s};
    rows.push_back({fault_tag(i) + " " + f.label() + (f.proxy.empty() ? "" : " on " + f.proxy), std::string(palette::kOrange),
                    f.from_s(end_s), f.to_s(end_s), "fault", planned});
  }
  const bool event_row = !run.events.empty();
  const double top = 8;
  const double height = top + kRowPx * static_cast<double>(rows.size() + (event_row ? 1 : 0)) + kChartMargins.bottom_px + 4;
  const double left = kChartMargins.left_px, right = kWidthPx - kChartMargins.right_px;
  const AxisScale x = AxisScale::linear(0, end_s, left, right, 10, false);
  const auto to_px = [&](double s) { return std::clamp(x.to_pixel(s), left, right); };

  std::string svg = "<svg class=\"chart-svg strip\" viewBox=\"0 0 " + px(kWidthPx) + " " + px(height) +
                    "\" role=\"img\" aria-labelledby=\"strip-title\"><title id=\"strip-title\">Timeline of the run: load, faults and target events</title>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const double y = top + kRowPx * static_cast<double>(i);
    const std::string colour = escape_html(row.colour);
    svg += "<g class=\"strip-row " + row.css_class + "\">";
    if (row.planned) {
      svg += "<rect class=\"planned\" x=\"" + px(to_px(row.planned->first)) + "\" y=\"" + px(y) + "\" width=\"" +
             px(std::max(to_px(row.planned->second) - to_px(row.planned->first), 1.5)) + "\" height=\"" + px(kBarPx) + "\"/>";
    }
    const double from = to_px(row.from_s), to = to_px(row.to_s);
    svg += "<rect class=\"bar\" x=\"" + px(from) + "\" y=\"" + px(y + (row.planned ? 3 : 0)) + "\" width=\"" + px(std::max(to - from, 1.5)) +
           "\" height=\"" + px(row.planned ? kBarPx - 6 : kBarPx) + "\" style=\"--c:" + colour + "\"/>";
    // The label starts inside the bar and runs on past it; near the right edge it ends at the bar.
    const bool flip = from > right - 260;
    svg += "<text x=\"" + px(flip ? to - 4 : from + 4) + "\" y=\"" + px(y + 12) + "\"" + (flip ? " text-anchor=\"end\"" : "") + ">" +
           escape_html(row.label) + " · " + seconds_text(row.from_s) + "–" + seconds_text(row.to_s) + "</text>";
    svg += "</g>";
  }
  if (event_row) {
    const double y = top + kRowPx * static_cast<double>(rows.size());
    svg += "<g class=\"strip-row events\"><text class=\"row-name\" x=\"" + px(left - 6) + "\" y=\"" + px(y + 12) + "\">target</text>";
    for (const TargetEventView& event : run.events) {
      if (!std::isfinite(event.t_s)) continue;
      const std::string ex = px(to_px(event.t_s));
      svg += "<path d=\"M" + ex + " " + px(y + 2) + "l5 6l-5 6l-5 -6z\"><title>" + escape_html(event.label()) + " at " +
             seconds_text(event.t_s) + "</title></path>";
    }
    svg += "</g>";
  }
  const double axis_y = height - kChartMargins.bottom_px;
  svg += "<g class=\"axis\"><line x1=\"" + px(left) + "\" x2=\"" + px(right) + "\" y1=\"" + px(axis_y) + "\" y2=\"" + px(axis_y) + "\"/>";
  for (double tick : x.ticks()) {
    const std::string tx = px(x.to_pixel(tick));
    svg += "<line x1=\"" + tx + "\" x2=\"" + tx + "\" y1=\"" + px(axis_y) + "\" y2=\"" + px(axis_y + 4) + "\"/><text class=\"x-tick\" x=\"" +
           tx + "\" y=\"" + px(axis_y + 16) + "\">" + format_tick(tick, x.tick_step()) + "</text>";
  }
  svg += "<text class=\"x-title\" x=\"" + px(right) + "\" y=\"" + px(height - 4) + "\">time since start (s)</text></g></svg>";
  return svg;
}

}  // namespace faultline::reports::html
