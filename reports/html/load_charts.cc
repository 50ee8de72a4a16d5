#include "reports/html/load_charts.h"

#include <array>

#include "reports/html/html_escape.h"
#include "reports/html/palette.h"
#include "reports/html/series_coarsening.h"
#include "reports/html/stacked_rates.h"
#include "reports/html/window_stats.h"

namespace faultline::reports::html {

namespace {

using DrawnSeries = Drawn<GeneratorSeries>;

std::string throughput_figure(const RunView& run, const RunView* baseline, const Timeline& timeline) {
  Figure figure;
  figure.title = "Throughput";
  figure.chart = time_chart(timeline, "chart-throughput", "Throughput per load generator over time", "responses/s", "/s");
  std::vector<NamedSeries> rows;
  std::size_t factor = 1;
  for (std::size_t i = 0; i < run.generators.size(); ++i) {
    const GeneratorView& g = run.generators[i];
    const std::string colour(palette::line(i));
    const DrawnSeries d = drawn(g.series, run.interval_s);
    factor = std::max(factor, d.factor);
    figure.chart.series.push_back({g.name, g.name, colour, false, time_points(d.series.t_s, d.series.throughput_rps, d.offset_s), {}});
    rows.push_back({g.name, &g.series.t_s, &g.series.throughput_rps, run.interval_s / 2});
    if (const GeneratorView* b = find_generator(baseline, g.name)) {
      const DrawnSeries db = drawn(b->series, baseline->interval_s);
      figure.chart.series.push_back({g.name + ".baseline", g.name + " (baseline)", colour, true,
                                     time_points(db.series.t_s, db.series.throughput_rps, db.offset_s), {}});
      rows.push_back({g.name + " (baseline)", &b->series.t_s, &b->series.throughput_rps, baseline->interval_s / 2});
    }
  }
  figure.note = with_note("responses per second, per load generator", coarsening_note(factor, run.interval_s, "their mean"));
  figure.table = series_table("Throughput (responses/s) per interval", rows, run, Unit::rate);
  return render_figure(figure);
}

std::string errors_figure(const RunView& run, const GeneratorView& g, std::size_t index, const Timeline& timeline) {
  const DrawnSeries d = drawn(g.series, run.interval_s);
  Figure figure;
  figure.title = "Errors — " + g.name;
  figure.note = with_note("failed requests per second, stacked by class", coarsening_note(d.factor, run.interval_s, "their mean"));
  figure.chart = time_chart(timeline, "chart-errors-" + std::to_string(index), "Errors by class for " + g.name, "errors/s", "/s");
  add_stacked_rates(figure.chart, d.series.t_s, d.series.errors_by_class, run.interval_s, d.offset_s);
  figure.table = rates_table("Errors per second by class, " + g.name, g.series.t_s, g.series.errors_by_class, run);
  return render_figure(figure);
}

std::string latency_figure(const RunView& run, const GeneratorView& g, std::size_t index, const RunView* baseline,
                           const Timeline& timeline) {
  const DrawnSeries d = drawn(g.series, run.interval_s);
  Figure figure;
  figure.title = "Latency — " + g.name;
  figure.note = with_note(g.model == "open" ? "per interval, from the intended send time (coordinated omission corrected)" : "per interval",
                          coarsening_note(d.factor, run.interval_s, "their highest"));
  figure.chart = time_chart(timeline, "chart-latency-" + std::to_string(index), "Latency percentiles for " + g.name, "latency (ms)", "ms");
  figure.log_option = true;
  struct Percentile {
    const char* name;
    std::vector<double> GeneratorSeries::*values;
    std::string_view colour;
  };
  static constexpr std::array<Percentile, 4> kPercentiles = {{{"p50", &GeneratorSeries::p50_ms, palette::kBlue},
                                                              {"p90", &GeneratorSeries::p90_ms, palette::kGreen},
                                                              {"p99", &GeneratorSeries::p99_ms, palette::kVermillion},
                                                              {"max", &GeneratorSeries::max_ms, palette::kBlack}}};
  std::vector<NamedSeries> rows;
  for (const Percentile& p : kPercentiles) {
    figure.chart.series.push_back({p.name, p.name, std::string(p.colour), false, time_points(d.series.t_s, d.series.*p.values, d.offset_s), {}});
    rows.push_back({p.name, &g.series.t_s, &(g.series.*p.values), run.interval_s / 2});
  }
  if (const GeneratorView* b = find_generator(baseline, g.name)) {
    // p50 and p99 are enough to see a shift; all four dashed as well would hide the run itself.
    const DrawnSeries db = drawn(b->series, baseline->interval_s);
    figure.chart.series.push_back({"p50.baseline", "p50 (baseline)", std::string(palette::kBlue), true,
                                   time_points(db.series.t_s, db.series.p50_ms, db.offset_s), {}});
    figure.chart.series.push_back({"p99.baseline", "p99 (baseline)", std::string(palette::kVermillion), true,
                                   time_points(db.series.t_s, db.series.p99_ms, db.offset_s), {}});
    rows.push_back({"p99 (baseline)", &b->series.t_s, &b->series.p99_ms, baseline->interval_s / 2});
  }
  const WindowStats highest = whole_stats(g.series.max_ms);
  const WindowStats p50 = whole_stats(g.series.p50_ms);
  figure.log_by_default = p50.min > 0 && highest.max / p50.min >= kLogByDefaultRatio;
  figure.table = series_table("Latency per interval, " + g.name, rows, run, Unit::ms);
  return render_figure(figure);
}

}  // namespace

std::string render_load_charts(const RunView& run, const RunView* baseline, const Timeline& timeline) {
  std::string out = "<section id=\"load\"><h2>Load and latency over time</h2>";
  if (run.generators.empty()) {
    const char* absent = run.connections.empty() ? "This result has no load generators."
                                                 : "No HTTP load generator ran; each connection-level generator has its section below.";
    return out + "<p class=\"absent\">" + absent + "</p></section>";
  }
  out += throughput_figure(run, baseline, timeline);
  std::string error_free;
  for (std::size_t i = 0; i < run.generators.size(); ++i) {
    const GeneratorView& g = run.generators[i];
    if (g.series.errors_by_class.empty()) {
      error_free += (error_free.empty() ? "" : ", ") + g.name;
    } else {
      out += errors_figure(run, g, i, timeline);
    }
  }
  if (!error_free.empty()) out += "<p class=\"no-errors\">No failed requests in any interval: " + escape_html(error_free) + ".</p>";
  for (std::size_t i = 0; i < run.generators.size(); ++i) out += latency_figure(run, run.generators[i], i, baseline, timeline);
  return out + "</section>";
}

}  // namespace faultline::reports::html
