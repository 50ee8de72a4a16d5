#include "reports/html/latency_distribution.h"

#include <algorithm>
#include <cmath>

#include "reports/html/figure.h"
#include "reports/html/html_escape.h"
#include "reports/html/palette.h"
#include "reports/html/percentile_curve.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

std::vector<ChartPoint> curve_points(const PercentileCurve& curve) {
  std::vector<ChartPoint> out;
  out.reserve(curve.points.size());
  for (const PercentilePoint& p : curve.points) out.push_back({percentile_axis_value(p.percentile), p.latency_ms});
  return out;
}

KeyTable::Row curve_row(const std::string& label, const PercentileCurve& curve) {
  KeyTable::Row row{label, {format_value(static_cast<double>(curve.count), Unit::count)}};
  for (const auto& [percentile, latency_ms] : curve.key_percentiles_ms) row.cells.push_back(format_value(latency_ms, Unit::ms));
  // An empty histogram has no percentiles; keep the columns aligned.
  while (row.cells.size() < 6) row.cells.push_back(format_value(NAN, Unit::ms));
  row.cells.push_back(curve.count == 0 ? format_value(NAN, Unit::ms) : format_value(curve.max_ms, Unit::ms));
  return row;
}

}  // namespace

std::string render_latency_distribution(const RunView& run, const RunView* baseline) {
  std::string out = "<section id=\"distribution\"><h2>Latency distribution</h2>";
  Figure figure;
  figure.title = "Latency by percentile";
  figure.note = "whole run after warm-up; the height at 99% is the latency that 99% of requests beat";
  figure.chart.id = "chart-distribution";
  figure.chart.title = "Latency percentile curve per load generator";
  figure.chart.x = {"percentile (log scale of 1 / (1 − p))", ScaleKind::log, 1.0, std::nullopt, false, percentile_axis_label, "percentile"};
  figure.chart.y.title = "latency (ms)";
  figure.chart.y.unit = "ms";
  figure.log_option = true;
  figure.table = {"Latency percentiles over the whole run", {"requests", "p50", "p90", "p99", "p99.9", "p99.99", "max"}, {}};

  std::vector<std::string> undecodable;
  double highest_axis = 10;
  double fastest_p50_ms = INFINITY, slowest_ms = 0;
  const auto widen = [&](const PercentileCurve& curve) {
    highest_axis = std::max(highest_axis, static_cast<double>(curve.count));
    if (!curve.key_percentiles_ms.empty()) fastest_p50_ms = std::min(fastest_p50_ms, curve.key_percentiles_ms.front().second);
    slowest_ms = std::max(slowest_ms, curve.max_ms);
  };
  for (std::size_t i = 0; i < run.generators.size(); ++i) {
    const GeneratorView& g = run.generators[i];
    const std::string colour(palette::line(i));
    const std::optional<PercentileCurve> curve = decode_percentile_curve(g.histogram);
    if (!curve) {
      undecodable.push_back(g.name);
      continue;
    }
    widen(*curve);
    figure.chart.series.push_back({g.name, g.name, colour, false, curve_points(*curve), {}});
    figure.table.rows.push_back(curve_row(g.name, *curve));
    if (baseline == nullptr) continue;
    for (const GeneratorView& b : baseline->generators) {
      if (b.name != g.name) continue;
      const std::optional<PercentileCurve> base = decode_percentile_curve(b.histogram);
      if (!base) continue;
      widen(*base);
      figure.chart.series.push_back({g.name + ".baseline", g.name + " (baseline)", colour, true, curve_points(*base), {}});
      figure.table.rows.push_back(curve_row(g.name + " (baseline)", *base));
    }
  }
  if (figure.chart.series.empty()) {
    return out + "<p class=\"absent\">This result has no latency histograms to draw.</p></section>";
  }
  figure.chart.x.highest = highest_axis;
  figure.log_by_default = fastest_p50_ms > 0 && slowest_ms / fastest_p50_ms >= kLogByDefaultRatio;
  out += render_figure(figure);
  if (!undecodable.empty()) {
    std::string names;
    for (const std::string& name : undecodable) names += (names.empty() ? "" : ", ") + name;
    out += "<p class=\"absent\">No histogram this version can read for: " + escape_html(names) + ".</p>";
  }
  return out + "</section>";
}

}  // namespace faultline::reports::html
