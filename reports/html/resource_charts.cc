#include "reports/html/resource_charts.h"

#include <algorithm>
#include <cmath>

#include "reports/html/palette.h"
#include "reports/html/series_coarsening.h"
#include "reports/html/window_stats.h"

namespace faultline::reports::html {

namespace {

std::string resource_title(const std::string& name) {
  if (name == "rss_bytes") return "Memory (RSS)";
  if (name == "threads") return "Threads";
  if (name == "fds") return "Open file descriptors";
  if (name == "goroutines") return "Goroutines";
  if (name == "cpu") return "CPU";
  return name;
}

std::string axis_title(const std::string& name) {
  if (name == "rss_bytes") return "RSS";
  if (name == "fds") return "open fds";
  return name;
}

Unit resource_unit(const std::string& name) {
  if (name.ends_with("bytes")) return Unit::bytes;
  if (name == "threads" || name == "fds" || name == "goroutines") return Unit::count;
  return Unit::plain;
}

std::string resource_figure(const RunView& run, const ResourceSeries& resource, std::size_t index, const RunView* baseline,
                            const Timeline& timeline) {
  const Unit unit = resource_unit(resource.name);
  // Bytes are drawn in the power-of-1024 unit that suits the largest value, limit included, so
  // that the ticks are round in MiB like the limits written in scenarios.
  ByteScale scale{1, ""};
  if (unit == Unit::bytes) {
    double largest = whole_stats(resource.values).max;
    if (run.memory_limit_bytes) largest = std::max(largest, *run.memory_limit_bytes);
    scale = byte_scale_for(std::isfinite(largest) ? largest : 0);
  }
  const std::size_t factor = coarsening_factor(resource.t_s.size());
  const auto drawn = [&](const ResourceSeries& series) {
    const ResourceSeries coarse = coarsen(series, coarsening_factor(series.t_s.size()));
    std::vector<ChartPoint> points = time_points(coarse.t_s, coarse.values, 0);
    for (ChartPoint& point : points) point.y /= scale.bytes_per_unit;
    return points;
  };

  Figure figure;
  figure.title = resource_title(resource.name);
  figure.note = "the target process, sampled every interval";
  if (factor > 1) figure.note += "; " + coarsening_note(factor, run.interval_s, "their highest");
  const std::string unit_name = unit == Unit::bytes ? scale.name : "";
  figure.chart = time_chart(timeline, "chart-resource-" + std::to_string(index), figure.title + " of the target",
                            axis_title(resource.name) + (unit_name.empty() ? "" : " (" + unit_name + ")"), unit_name);
  figure.chart.series.push_back({resource.name, resource.name, std::string(palette::kBlue), false, drawn(resource), {}});
  std::vector<NamedSeries> rows = {{resource.name, &resource.t_s, &resource.values, 0}};
  if (baseline != nullptr) {
    for (const ResourceSeries& b : baseline->resources) {
      if (b.name != resource.name) continue;
      figure.chart.series.push_back({resource.name + ".baseline", resource.name + " (baseline)", std::string(palette::kBlue), true, drawn(b), {}});
      rows.push_back({resource.name + " (baseline)", &b.t_s, &b.values, 0});
    }
  }
  if (resource.name == "rss_bytes" && run.memory_limit_bytes) {
    figure.chart.levels.push_back(
        {*run.memory_limit_bytes / scale.bytes_per_unit, "memory limit " + format_value(*run.memory_limit_bytes, Unit::bytes)});
  }
  figure.table = series_table(figure.title + " of the target", rows, run, unit);
  return render_figure(figure);
}

}  // namespace

std::string render_resource_charts(const RunView& run, const RunView* baseline, const Timeline& timeline) {
  std::string out = "<section id=\"target-resources\"><h2>The target's resources</h2>";
  if (run.resources.empty()) {
    out += "<p class=\"absent\">This result has no samples of the target's threads, file descriptors or memory.</p>";
  }
  for (std::size_t i = 0; i < run.resources.size(); ++i) out += resource_figure(run, run.resources[i], i, baseline, timeline);
  return out + "</section>";
}

}  // namespace faultline::reports::html
