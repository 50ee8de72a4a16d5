#include "reports/html/connection_charts.h"

#include <algorithm>
#include <cmath>

#include "reports/html/connection_facts.h"
#include "reports/html/html_escape.h"
#include "reports/html/palette.h"
#include "reports/html/series_coarsening.h"
#include "reports/html/stacked_rates.h"
#include "reports/html/timeline_strip.h"
#include "reports/html/window_stats.h"

namespace faultline::reports::html {

namespace {

using DrawnSeries = Drawn<ConnectionSeries>;

// The baseline run's generator of the same name, whose lines are drawn dashed in the same
// colours beside the run's own.
struct BaselineLines {
  const ConnectionView* view = nullptr;  // nullptr: no baseline, or it had no such generator
  DrawnSeries drawn;
  double interval_s = 0;
};

BaselineLines baseline_of(const RunView* baseline, const ConnectionView& c) {
  const ConnectionView* view = find_connection(baseline, c.name);
  if (view == nullptr) return {};
  return {view, drawn(view->series, baseline->interval_s), baseline->interval_s};
}

// One line per (series, colour), drawn and in the key-numbers table.
struct Line {
  const char* key;
  std::string label;
  std::vector<double> ConnectionSeries::*values;
  std::string_view colour;
  bool with_baseline = true;  // false: the baseline's would crowd the chart (a p50 beside its p99)
};

void add_lines(Figure& figure, const std::vector<Line>& lines, const ConnectionView& c, const DrawnSeries& d, double interval_s,
               const BaselineLines& baseline, std::vector<NamedSeries>& rows) {
  for (const Line& line : lines) {
    figure.chart.series.push_back(
        {line.key, line.label, std::string(line.colour), false, time_points(d.series.t_s, d.series.*line.values, d.offset_s), {}});
    rows.push_back({line.label, &c.series.t_s, &(c.series.*line.values), interval_s / 2});
  }
  if (baseline.view == nullptr) return;
  for (const Line& line : lines) {
    if (!line.with_baseline) continue;
    const DrawnSeries& b = baseline.drawn;
    figure.chart.series.push_back({std::string(line.key) + ".baseline", line.label + " (baseline)", std::string(line.colour), true,
                                   time_points(b.series.t_s, b.series.*line.values, b.offset_s), {}});
    rows.push_back({line.label + " (baseline)", &baseline.view->series.t_s, &(baseline.view->series.*line.values), baseline.interval_s / 2});
  }
}

std::string chart_id(const char* what, std::size_t index) { return std::string("chart-") + what + "-" + std::to_string(index); }

std::string connects_figure(const RunView& run, const ConnectionView& c, std::size_t index, const DrawnSeries& d,
                            const BaselineLines& baseline, const Timeline& timeline) {
  Figure figure;
  figure.title = "Connects — " + c.name;
  figure.note = with_note("attempted and established per second; after a fault, a spike of attempts is a thundering herd of reconnects",
                          coarsening_note(d.factor, run.interval_s, "their mean"));
  figure.chart = time_chart(timeline, chart_id("connects", index), "Connects per second for " + c.name, "connects/s", "/s");
  // A herd of failing attempts can dwarf the connects that succeed; the log scale shows both.
  figure.log_option = true;
  std::vector<NamedSeries> rows;
  add_lines(figure, {{"attempts", "attempted", &ConnectionSeries::connect_attempts_per_s, palette::kVermillion},
                     {"connects", "established", &ConnectionSeries::connects_per_s, palette::kBlue}},
            c, d, run.interval_s, baseline, rows);
  figure.table = series_table("Connects per second, " + c.name, rows, run, Unit::rate);
  return render_figure(figure);
}

std::string connected_figure(const RunView& run, const ConnectionView& c, std::size_t index, const DrawnSeries& d,
                             const BaselineLines& baseline, const Timeline& timeline) {
  const std::string what = c.is_tcp() ? "connections open" : "clients connected";
  Figure figure;
  figure.title = (c.is_tcp() ? "Connections open — " : "Clients connected — ") + c.name;
  figure.note = with_note("at the end of each interval, and the most at once during it (summed over worker threads: an upper bound)",
                          coarsening_note(d.factor, run.interval_s, "the lowest at an end, the highest peak"));
  figure.chart = time_chart(timeline, chart_id("connected", index), what + " for " + c.name, what, "");
  std::vector<NamedSeries> rows;
  add_lines(figure, {{"connected", "at the interval's end", &ConnectionSeries::connected, palette::kBlue},
                     {"peak", "peak during it", &ConnectionSeries::connected_peak, palette::kGreen, false}},
            c, d, run.interval_s, baseline, rows);
  figure.table = series_table(what + ", " + c.name, rows, run, Unit::count);
  return render_figure(figure);
}

// Connect failures or lost connections, stacked by kind.
std::string by_kind_figure(const RunView& run, const ConnectionView& c, std::size_t index, const DrawnSeries& d, const Timeline& timeline,
                           bool failures) {
  const std::string what = failures ? "Connect failures" : "Connections lost";
  Figure figure;
  figure.title = what + " — " + c.name;
  figure.note = with_note(failures ? "connects that failed, per second, stacked by why"
                                   : "established connections the target or the network ended, per second, stacked by how",
                          coarsening_note(d.factor, run.interval_s, "their mean"));
  figure.chart = time_chart(timeline, chart_id(failures ? "connect-failures" : "disconnects", index), what + " by kind for " + c.name,
                            failures ? "failures/s" : "lost/s", "/s");
  add_stacked_rates(figure.chart, d.series.t_s, failures ? d.series.connect_failures : d.series.disconnects, run.interval_s, d.offset_s);
  figure.table = rates_table(what + " per second by kind, " + c.name, c.series.t_s,
                             failures ? c.series.connect_failures : c.series.disconnects, run);
  return render_figure(figure);
}

std::string latency_figure(const RunView& run, const ConnectionView& c, std::size_t index, const DrawnSeries& d,
                           const BaselineLines& baseline, const Timeline& timeline) {
  std::vector<Line> lines = {{"connect-p50", "connect p50", &ConnectionSeries::connect_p50_ms, palette::kBlue, false},
                             {"connect-p99", "connect p99", &ConnectionSeries::connect_p99_ms, palette::kVermillion}};
  std::string note = "per interval; connect: from starting to connect until established";
  if (c.kind == "websocket") note += " (handshake done)";
  if (whole_stats(c.series.round_trip_p99_ms).count > 0) {
    lines.push_back({"round-trip-p99", "round trip p99", &ConnectionSeries::round_trip_p99_ms, palette::kGreen});
    note += "; round trip: a message sent to its echo";
  }
  if (whole_stats(c.series.delivery_p99_ms).count > 0) {
    lines.push_back({"delivery-p99", "delivery p99", &ConnectionSeries::delivery_p99_ms, palette::kPurple});
    note += "; delivery: a pushed message's publish time to its arrival";
  }
  Figure figure;
  figure.title = "Latency — " + c.name;
  figure.note = with_note(note, coarsening_note(d.factor, run.interval_s, "their highest"));
  figure.chart = time_chart(timeline, chart_id("connection-latency", index), "Connection latency for " + c.name, "latency (ms)", "ms");
  figure.log_option = true;
  std::vector<NamedSeries> rows;
  add_lines(figure, lines, c, d, run.interval_s, baseline, rows);
  double lowest = INFINITY, highest = 0;
  for (const Line& line : lines) {
    const WindowStats stats = whole_stats(c.series.*line.values);
    if (stats.count == 0) continue;
    lowest = std::min(lowest, stats.min);
    highest = std::max(highest, stats.max);
  }
  figure.log_by_default = lowest > 0 && std::isfinite(lowest) && highest / lowest >= kLogByDefaultRatio;
  figure.table = series_table("Latency per interval, " + c.name, rows, run, Unit::ms);
  return render_figure(figure);
}

std::string generator_section(const RunView& run, const ConnectionView& c, std::size_t index, const DrawnSeries& d,
                              const RunView* baseline_run, const Timeline& timeline) {
  const BaselineLines baseline = baseline_of(baseline_run, c);
  std::string out = "<section id=\"" + connection_section_id(index) + "\" class=\"connections\"><h2>Connections — " + escape_html(c.name) +
                    (c.kind.empty() ? "" : " <span class=\"chart-note\">" + escape_html(c.kind) + "</span>") + "</h2>";
  out += render_connection_facts(c);
  out += connects_figure(run, c, index, d, baseline, timeline);
  out += connected_figure(run, c, index, d, baseline, timeline);
  std::vector<std::string> quiet;
  if (c.series.connect_failures.empty()) {
    quiet.push_back("No connect failed in any interval.");
  } else {
    out += by_kind_figure(run, c, index, d, timeline, true);
  }
  if (c.series.disconnects.empty()) {
    quiet.push_back("No established connection was lost in any interval.");
  } else {
    out += by_kind_figure(run, c, index, d, timeline, false);
  }
  for (const std::string& line : quiet) out += "<p class=\"no-errors\">" + line + "</p>";
  out += latency_figure(run, c, index, d, baseline, timeline);
  out += render_reconnect_table(run, c);
  return out + "</section>";
}

// One series of every generator on one chart, each in the colour the timeline strip gives it.
struct Comparison {
  const char* id;
  std::string title, chart_title, note, y_title, unit;
  std::vector<double> ConnectionSeries::*values;
  Unit table_unit;
  std::string coarsened;  // how coarsened points are formed
};

std::string comparison_figure(const RunView& run, const std::vector<DrawnSeries>& drawn_series, const Timeline& timeline,
                              const Comparison& comparison) {
  Figure figure;
  figure.title = comparison.title;
  figure.chart = time_chart(timeline, std::string("chart-") + comparison.id, comparison.chart_title, comparison.y_title, comparison.unit);
  figure.log_option = true;
  std::vector<NamedSeries> rows;
  std::size_t factor = 1;
  for (std::size_t i = 0; i < run.connections.size(); ++i) {
    const ConnectionView& c = run.connections[i];
    const DrawnSeries& d = drawn_series[i];
    factor = std::max(factor, d.factor);
    figure.chart.series.push_back({c.name, c.name, std::string(connection_colour(run, i)), false,
                                   time_points(d.series.t_s, d.series.*comparison.values, d.offset_s), {}});
    rows.push_back({c.name, &c.series.t_s, &(c.series.*comparison.values), run.interval_s / 2});
  }
  figure.note = with_note(comparison.note, coarsening_note(factor, run.interval_s, comparison.coarsened));
  figure.table = series_table(comparison.chart_title, rows, run, comparison.table_unit);
  return render_figure(figure);
}

// With several connection generators (one reconnecting at once, one with backoff, say): their
// connect attempts and clients connected side by side on the same axes.
std::string overview_section(const RunView& run, const std::vector<DrawnSeries>& drawn_series, const Timeline& timeline) {
  std::string out = "<section id=\"connections\"><h2>Connections over time</h2><p class=\"chart-note\">Every connection-level generator on "
                    "the same axes; each has its own section: ";
  for (std::size_t i = 0; i < run.connections.size(); ++i) {
    out += std::string(i == 0 ? "" : ", ") + "<a href=\"#" + connection_section_id(i) + "\">" + escape_html(run.connections[i].name) + "</a>";
  }
  out += ".</p>";
  out += comparison_figure(run, drawn_series, timeline,
                           {"connect-attempts", "Connect attempts", "Connect attempts per second per connection generator",
                            "per second, failed or not; after a fault, how hard each generator's clients hammer the target", "attempts/s",
                            "/s", &ConnectionSeries::connect_attempts_per_s, Unit::rate, "their mean"});
  out += comparison_figure(run, drawn_series, timeline,
                           {"open-connections", "Open connections", "Open connections per connection generator",
                            "at the end of each interval; after a fault, how fast each generator's clients came back", "open", "",
                            &ConnectionSeries::connected, Unit::count, "the lowest"});
  return out + "</section>";
}

}  // namespace

std::string connection_section_id(std::size_t index) { return "connections-" + std::to_string(index); }

std::string connections_link_target(const RunView& run) { return run.connections.size() > 1 ? "connections" : connection_section_id(0); }

std::string render_connection_charts(const RunView& run, const RunView* baseline, const Timeline& timeline) {
  std::vector<DrawnSeries> drawn_series;
  for (const ConnectionView& c : run.connections) drawn_series.push_back(drawn(c.series, run.interval_s));
  std::string out = run.connections.size() > 1 ? overview_section(run, drawn_series, timeline) : "";
  for (std::size_t i = 0; i < run.connections.size(); ++i) out += generator_section(run, run.connections[i], i, drawn_series[i], baseline, timeline);
  return out;
}

}  // namespace faultline::reports::html
