#include "reports/html/figure.h"

#include "reports/html/html_escape.h"

namespace faultline::reports::html {

namespace {

std::string legend(const ChartSpec& chart) {
  std::string out = "<div class=\"legend\">";
  for (const ChartSeries& series : chart.series) {
    const std::string swatch_class = !series.lower.empty() ? "swatch area" : series.dashed ? "swatch dashed" : "swatch";
    out += "<span class=\"key\" data-series=\"" + escape_html(series.key) + "\"><span class=\"" + swatch_class +
           "\" style=\"--c:" + escape_html(series.colour) + "\"></span>" + escape_html(series.label) + "</span>";
  }
  // The shading and the lines that are not series are explained too, for a first-time reader.
  bool faults = false, warmup = false;
  for (const ChartBand& band : chart.bands) {
    faults = faults || band.css_class == "fault";
    warmup = warmup || band.css_class == "warmup";
  }
  if (faults) out += "<span class=\"key static\"><span class=\"swatch band\"></span>fault active</span>";
  if (warmup) out += "<span class=\"key static\"><span class=\"swatch warmup\"></span>warm-up (not in the summary)</span>";
  bool events = false, recoveries = false;
  for (const ChartMarker& marker : chart.markers) {
    events = events || marker.css_class == "event";
    recoveries = recoveries || marker.css_class == "recovery";
  }
  if (events) out += "<span class=\"key static\"><span class=\"swatch event\"></span>target event</span>";
  if (recoveries) out += "<span class=\"key static\"><span class=\"swatch recovery\"></span>recovered</span>";
  if (!chart.levels.empty()) out += "<span class=\"key static\"><span class=\"swatch level\"></span>limit</span>";
  return out + "</div>";
}

std::string render_key_table(const KeyTable& table) {
  if (table.rows.empty()) return "";
  std::string out = "<table class=\"key-numbers\"><caption>" + escape_html(table.caption) + "</caption><thead><tr><th></th>";
  for (const std::string& column : table.columns) out += "<th scope=\"col\">" + escape_html(column) + "</th>";
  out += "</tr></thead><tbody>";
  for (const KeyTable::Row& row : table.rows) {
    out += "<tr><th scope=\"row\">" + escape_html(row.label) + "</th>";
    for (const std::string& cell : row.cells) out += "<td>" + escape_html(cell) + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string render_figure(const Figure& figure) {
  const std::string id = escape_html(figure.chart.id);
  std::string out = "<figure class=\"chart\" id=\"" + id + "\"><figcaption><span class=\"chart-title\">" +
                    escape_html(figure.title) + "</span>";
  if (!figure.note.empty()) out += " <span class=\"chart-note\">" + escape_html(figure.note) + "</span>";
  out += "</figcaption>";
  // The checkbox precedes the variants so that plain CSS (input:checked ~ .variants) can switch
  // them: the log scale works without JavaScript and prints as shown.
  if (figure.log_option) {
    out += "<input type=\"checkbox\" class=\"log-toggle\" id=\"" + id + "-log-toggle\"" + (figure.log_by_default ? " checked" : "") +
           "><label class=\"log-label\" for=\"" + id + "-log-toggle\">log scale</label>";
  }
  out += legend(figure.chart);
  out += "<div class=\"variants\"><div class=\"variant linear\">" + render_svg(figure.chart) + "</div>";
  if (figure.log_option) {
    ChartSpec log_chart = figure.chart;
    log_chart.id += "-log";
    log_chart.title += " (log scale)";
    log_chart.y.scale = ScaleKind::log;
    out += "<div class=\"variant log\">" + render_svg(log_chart) + "</div>";
  }
  out += "</div>";
  out += "<script type=\"application/json\" class=\"hover-data\">" + json_for_script(hover_json(figure.chart)) + "</script>";
  out += render_key_table(figure.table);
  return out + "</figure>";
}

}  // namespace faultline::reports::html
