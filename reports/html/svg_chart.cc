#include "reports/html/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "reports/html/html_escape.h"

namespace faultline::reports::html {

namespace {

// Above this many markers their labels would overlap into noise; the lines alone still show
// when things happened and the events table says what.
constexpr std::size_t kMaxLabelledMarkers = 12;

// Pixel coordinates with one decimal: finer than any screen, and a tenth of the text of %g.
std::string px(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A domain bound for the hover script, which must map pixels back to values precisely.
std::string exact(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.12g", value);
  return text;
}

// The plot area inside the margins, in pixels.
struct Plot {
  double left, right, top, bottom;
};

struct Range {
  double lowest = std::numeric_limits<double>::infinity();
  double highest = -std::numeric_limits<double>::infinity();
  void add(double value) {
    lowest = std::min(lowest, value);
    highest = std::max(highest, value);
  }
  bool empty() const { return lowest > highest; }
};

bool showable(ScaleKind scale, double value) {
  return std::isfinite(value) && (scale == ScaleKind::linear || value > 0);
}

bool in_domain(const AxisScale& scale, double value) {
  return scale.can_show(value) && value >= scale.lowest() && value <= scale.highest();
}

AxisScale make_x_scale(const ChartSpec& chart, const Plot& plot) {
  Range range;
  for (const ChartSeries& series : chart.series) {
    for (const ChartPoint& point : series.points) {
      if (showable(chart.x.scale, point.x)) range.add(point.x);
    }
  }
  const double lowest = chart.x.lowest.value_or(range.empty() ? 0 : range.lowest);
  const double highest = chart.x.highest.value_or(range.empty() ? 1 : range.highest);
  if (chart.x.scale == ScaleKind::log) return AxisScale::log(lowest, highest, plot.left, plot.right);
  return AxisScale::linear(lowest, highest, plot.left, plot.right, 10, false);
}

AxisScale make_y_scale(const ChartSpec& chart, const AxisScale& x, const Plot& plot) {
  Range range;
  const ScaleKind kind = chart.y.scale;
  for (const ChartSeries& series : chart.series) {
    for (std::size_t i = 0; i < series.points.size(); ++i) {
      const ChartPoint& point = series.points[i];
      // Only what falls inside the x domain (the run, for time charts) shapes the value axis.
      if (!in_domain(x, point.x)) continue;
      if (showable(kind, point.y)) range.add(point.y);
      if (i < series.lower.size() && showable(kind, series.lower[i])) range.add(series.lower[i]);
    }
  }
  for (const ChartLevel& level : chart.levels) {
    if (showable(kind, level.y)) range.add(level.y);
  }
  if (kind == ScaleKind::log) {
    return AxisScale::log(chart.y.lowest.value_or(range.empty() ? 1 : range.lowest),
                          chart.y.highest.value_or(range.empty() ? 10 : range.highest), plot.bottom, plot.top);
  }
  double lowest = range.empty() ? 0 : range.lowest;
  double highest = range.empty() ? 1 : range.highest;
  if (chart.y.include_zero) {
    lowest = std::min(lowest, 0.0);
    highest = std::max(highest, 0.0);
  }
  return AxisScale::linear(chart.y.lowest.value_or(lowest), chart.y.highest.value_or(highest), plot.bottom, plot.top, 5, true);
}

std::string tick_label(const ChartAxis& axis, const AxisScale& scale, double value) {
  return axis.label ? axis.label(value) : format_tick(value, scale.tick_step());
}

// Runs of consecutive drawable points; a gap (NaN, inf, <= 0 on a log axis) ends a run.
std::vector<std::vector<std::size_t>> drawable_runs(const ChartSeries& series, const AxisScale& x, const AxisScale& y) {
  std::vector<std::vector<std::size_t>> runs(1);
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const bool ok = x.can_show(series.points[i].x) && y.can_show(series.points[i].y) &&
                    (series.lower.empty() || (i < series.lower.size() && std::isfinite(series.lower[i])));
    if (ok) {
      runs.back().push_back(i);
    } else if (!runs.back().empty()) {
      runs.emplace_back();
    }
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

std::string point_text(const ChartPoint& point, const AxisScale& x, const AxisScale& y) {
  return px(x.to_pixel(point.x)) + " " + px(y.to_pixel(point.y));
}

void append_series(std::string& svg, const ChartSeries& series, const AxisScale& x, const AxisScale& y) {
  const std::string colour = escape_html(series.colour);
  svg += "<g class=\"series\" data-series=\"" + escape_html(series.key) + "\">";
  for (const auto& run : drawable_runs(series, x, y)) {
    if (!series.lower.empty()) {
      // Below a log axis's floor the area ends at the axis, which is where it would be drawn anyway.
      std::string d;
      for (std::size_t i : run) d += (d.empty() ? "M" : "L") + point_text(series.points[i], x, y);
      for (auto it = run.rbegin(); it != run.rend(); ++it) {
        const double lower = series.lower[*it];
        d += "L" + px(x.to_pixel(series.points[*it].x)) + " " + px(y.can_show(lower) ? y.to_pixel(lower) : y.pixel_from());
      }
      svg += "<path class=\"area\" d=\"" + d + "Z\" fill=\"" + colour + "\"/>";
    } else if (run.size() == 1) {
      // A lone point has no line to draw; a dot keeps it visible.
      const ChartPoint& p = series.points[run.front()];
      svg += "<circle cx=\"" + px(x.to_pixel(p.x)) + "\" cy=\"" + px(y.to_pixel(p.y)) + "\" r=\"2.5\" fill=\"" + colour + "\"/>";
    } else {
      std::string d;
      for (std::size_t i : run) d += (d.empty() ? "M" : "L") + point_text(series.points[i], x, y);
      svg += std::string("<path class=\"line") + (series.dashed ? " dashed" : "") + "\" d=\"" + d + "\" stroke=\"" + colour + "\"/>";
    }
  }
  svg += "</g>";
}

// Shaded windows; their labels alternate between two rows above the plot.
void append_bands(std::string& svg, const std::vector<ChartBand>& bands, const AxisScale& x, const Plot& plot) {
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const ChartBand& band = bands[i];
    if (!std::isfinite(band.from_x) || !std::isfinite(band.to_x)) continue;
    const double from = std::clamp(x.to_pixel(std::max(band.from_x, x.lowest())), plot.left, plot.right);
    const double to = std::clamp(x.to_pixel(std::min(band.to_x, x.highest())), plot.left, plot.right);
    if (to < from) continue;
    svg += "<g class=\"band " + escape_html(band.css_class) + "\"><rect x=\"" + px(from) + "\" y=\"" + px(plot.top) + "\" width=\"" +
           px(std::max(to - from, 1.5)) + "\" height=\"" + px(plot.bottom - plot.top) + "\"/><text x=\"" + px(from + 3) + "\" y=\"" +
           px(plot.top - 4 - static_cast<double>(i % 2) * 11) + "\">" + escape_html(band.label) + "</text></g>";
  }
}

void append_axes(std::string& svg, const ChartSpec& chart, const AxisScale& x, const AxisScale& y, const Plot& plot) {
  svg += "<g class=\"grid\">";
  for (double tick : y.ticks()) {
    if (!in_domain(y, tick)) continue;
    const std::string ty = px(y.to_pixel(tick));
    svg += "<line x1=\"" + px(plot.left) + "\" x2=\"" + px(plot.right) + "\" y1=\"" + ty + "\" y2=\"" + ty + "\"/>";
  }
  svg += "</g><g class=\"axis\">";
  svg += "<line x1=\"" + px(plot.left) + "\" x2=\"" + px(plot.right) + "\" y1=\"" + px(plot.bottom) + "\" y2=\"" + px(plot.bottom) + "\"/>";
  for (double tick : y.ticks()) {
    if (!in_domain(y, tick)) continue;
    svg += "<text class=\"y-tick\" x=\"" + px(plot.left - 6) + "\" y=\"" + px(y.to_pixel(tick) + 4) + "\">" +
           escape_html(tick_label(chart.y, y, tick)) + "</text>";
  }
  for (double tick : x.ticks()) {
    if (!in_domain(x, tick)) continue;
    const std::string tx = px(x.to_pixel(tick));
    svg += "<line x1=\"" + tx + "\" x2=\"" + tx + "\" y1=\"" + px(plot.bottom) + "\" y2=\"" + px(plot.bottom + 4) + "\"/>";
    // A label centred on the last tick would run past the edge of the image.
    const bool at_edge = x.to_pixel(tick) > plot.right - 24;
    svg += std::string("<text class=\"x-tick") + (at_edge ? " end" : "") + "\" x=\"" + tx + "\" y=\"" + px(plot.bottom + 16) + "\">" +
           escape_html(tick_label(chart.x, x, tick)) + "</text>";
  }
  svg += "<text class=\"x-title\" x=\"" + px(plot.right) + "\" y=\"" + px(chart.height_px - 4) + "\">" + escape_html(chart.x.title) + "</text>";
  svg += "<text class=\"y-title\" transform=\"translate(12 " + px((plot.top + plot.bottom) / 2) + ") rotate(-90)\">" +
         escape_html(chart.y.title) + "</text></g>";
}

void append_levels(std::string& svg, const std::vector<ChartLevel>& levels, const AxisScale& y, const Plot& plot) {
  for (const ChartLevel& level : levels) {
    if (!y.can_show(level.y)) continue;
    const std::string ly = px(y.to_pixel(level.y));
    svg += "<g class=\"level\"><line x1=\"" + px(plot.left) + "\" x2=\"" + px(plot.right) + "\" y1=\"" + ly + "\" y2=\"" + ly +
           "\"/><text x=\"" + px(plot.left + 4) + "\" y=\"" + px(y.to_pixel(level.y) - 4) + "\">" + escape_html(level.label) + "</text></g>";
  }
}

// Vertical lines for instants; labels go into the first of a few rows inside the top of the plot
// where they do not run into the previous label (text width estimated from its length).
void append_markers(std::string& svg, const std::vector<ChartMarker>& markers, const AxisScale& x, const Plot& plot) {
  constexpr double kCharPx = 6.2;  // an 11px sans-serif character, on average
  constexpr std::size_t kRows = 3;
  std::vector<std::size_t> order(markers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return markers[a].x < markers[b].x; });
  std::vector<double> row_end_px(kRows, -std::numeric_limits<double>::infinity());
  const bool label_markers = markers.size() <= kMaxLabelledMarkers;
  for (std::size_t i : order) {
    const ChartMarker& marker = markers[i];
    if (!in_domain(x, marker.x)) continue;
    const double at = x.to_pixel(marker.x);
    const std::string mx = px(at);
    svg += "<g class=\"marker " + escape_html(marker.css_class) + "\"><line x1=\"" + mx + "\" x2=\"" + mx + "\" y1=\"" + px(plot.top) +
           "\" y2=\"" + px(plot.bottom) + "\"/><path d=\"M" + mx + " " + px(plot.top) + "l-4 -6h8z\"/>";
    if (label_markers) {
      const double width = kCharPx * static_cast<double>(marker.label.size());
      const bool flip = at + 4 + width > plot.right;
      const double from = flip ? at - 4 - width : at + 4;
      std::size_t row = 0;
      while (row + 1 < kRows && row_end_px[row] > from - 6) ++row;
      row_end_px[row] = std::max(row_end_px[row], from + width);
      svg += std::string("<text") + (flip ? " class=\"end\"" : "") + " x=\"" + px(flip ? at - 4 : at + 4) + "\" y=\"" +
             px(plot.top + 12 + static_cast<double>(row) * 12) + "\">" + escape_html(marker.label) + "</text>";
    }
    svg += "<title>" + escape_html(marker.label) + "</title></g>";
  }
}

double round_significant(double value, int digits) {
  if (!std::isfinite(value) || value == 0) return value;
  const double magnitude = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(value)))));
  return std::round(value * magnitude) / magnitude;
}

}  // namespace

std::string render_svg(const ChartSpec& chart) {
  const Plot plot{kChartMargins.left_px, chart.width_px - kChartMargins.right_px, kChartMargins.top_px,
                  chart.height_px - kChartMargins.bottom_px};
  const AxisScale x = make_x_scale(chart, plot);
  const AxisScale y = make_y_scale(chart, x, plot);
  const std::string id = escape_html(chart.id);

  // The data-* attributes let the hover script turn a pointer position back into an x value.
  std::string svg = "<svg class=\"chart-svg\" viewBox=\"0 0 " + px(chart.width_px) + " " + px(chart.height_px) +
                    "\" role=\"img\" aria-labelledby=\"" + id + "-title\" data-chart=\"" + id + "\" data-x-lowest=\"" +
                    exact(x.lowest()) + "\" data-x-highest=\"" + exact(x.highest()) + "\" data-x-log=\"" +
                    (x.kind() == ScaleKind::log ? "1" : "0") + "\" data-plot-left=\"" + px(plot.left) + "\" data-plot-right=\"" +
                    px(plot.right) + "\">";
  svg += "<title id=\"" + id + "-title\">" + escape_html(chart.title) + "</title>";
  svg += "<defs><clipPath id=\"" + id + "-clip\"><rect x=\"" + px(plot.left) + "\" y=\"" + px(plot.top) + "\" width=\"" +
         px(plot.right - plot.left) + "\" height=\"" + px(plot.bottom - plot.top) + "\"/></clipPath></defs>";
  // Bands first, so that lines are drawn over them.
  append_bands(svg, chart.bands, x, plot);
  append_axes(svg, chart, x, y, plot);

  svg += "<g clip-path=\"url(#" + id + "-clip)\">";
  bool drew_any = false;
  for (const ChartSeries& series : chart.series) {
    drew_any = drew_any || !drawable_runs(series, x, y).empty();
    append_series(svg, series, x, y);
  }
  svg += "</g>";
  if (!drew_any) {
    svg += "<text class=\"no-data\" x=\"" + px((plot.left + plot.right) / 2) + "\" y=\"" + px((plot.top + plot.bottom) / 2) +
           "\">no data</text>";
  }
  append_levels(svg, chart.levels, y, plot);
  append_markers(svg, chart.markers, x, plot);
  svg += "<line class=\"guide\" x1=\"0\" x2=\"0\" y1=\"" + px(plot.top) + "\" y2=\"" + px(plot.bottom) + "\" visibility=\"hidden\"/>";
  return svg + "</svg>";
}

nlohmann::json hover_json(const ChartSpec& chart) {
  nlohmann::json series = nlohmann::json::array();
  for (const ChartSeries& s : chart.series) {
    nlohmann::json xs = nlohmann::json::array();
    nlohmann::json ys = nlohmann::json::array();
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const double value = i < s.lower.size() ? s.points[i].y - s.lower[i] : s.points[i].y;
      // Gaps are null, which the script shows as "–"; four significant digits keep the page small.
      xs.push_back(std::isfinite(s.points[i].x) ? nlohmann::json(round_significant(s.points[i].x, 6)) : nlohmann::json(nullptr));
      ys.push_back(std::isfinite(value) ? nlohmann::json(round_significant(value, 4)) : nlohmann::json(nullptr));
    }
    series.push_back({{"key", s.key}, {"label", s.label}, {"colour", s.colour}, {"x", std::move(xs)}, {"y", std::move(ys)}});
  }
  return {{"unit", chart.y.unit}, {"x_unit", chart.x.unit}, {"series", std::move(series)}};
}

}  // namespace faultline::reports::html
