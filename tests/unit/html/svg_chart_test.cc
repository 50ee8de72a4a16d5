// The SVG chart builder: what it draws for ordinary, empty, tiny, huge and broken series.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reports/html/svg_chart.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

ChartSpec chart_with(std::vector<ChartPoint> points, ScaleKind y_scale = ScaleKind::linear) {
  ChartSpec chart;
  chart.id = "c1";
  chart.title = "test chart";
  chart.x.title = "time (s)";
  chart.y.title = "value";
  chart.y.scale = y_scale;
  chart.series.push_back({"s", "series", "#0072B2", false, std::move(points), {}});
  return chart;
}

TEST(SvgChart, DrawsALineWithAxesAndAnAccessibleTitle) {
  const std::string svg = render_svg(chart_with({{0, 1}, {1, 3}, {2, 2}}));
  EXPECT_TRUE(svg.starts_with("<svg"));
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"c1-title\">test chart</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"line\""), 1u);
  EXPECT_NE(svg.find(">time (s)</text>"), std::string::npos);
  EXPECT_NE(svg.find("clip-path=\"url(#c1-clip)\""), std::string::npos);
  EXPECT_EQ(svg.find("no data"), std::string::npos);
}

TEST(SvgChart, SaysNoDataForAnEmptySeries) {
  const std::string svg = render_svg(chart_with({}));
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<path class=\"line"), std::string::npos);
}

TEST(SvgChart, SaysNoDataWhenThereAreNoSeriesAtAll) {
  ChartSpec chart = chart_with({});
  chart.series.clear();
  EXPECT_NE(render_svg(chart).find(">no data</text>"), std::string::npos);
}

TEST(SvgChart, DrawsASinglePointAsADot) {
  const std::string svg = render_svg(chart_with({{3, 7}}));
  EXPECT_EQ(count(svg, "<circle"), 1u);
  EXPECT_EQ(svg.find("no data"), std::string::npos);
}

TEST(SvgChart, SkipsNanAndInfinityAsGapsAndNeverPrintsThem) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  const std::string svg = render_svg(chart_with({{0, 1}, {1, 2}, {2, nan}, {3, inf}, {4, 3}, {5, 4}, {nan, 5}}));
  // Two runs of two points either side of the gap.
  EXPECT_EQ(count(svg, "class=\"line\""), 2u);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(SvgChart, HandlesHugeValuesWithReadableTicks) {
  const std::string svg = render_svg(chart_with({{0, 0}, {1, 1e12}}));
  EXPECT_NE(svg.find(">1T</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("e+"), std::string::npos);
}

TEST(SvgChart, LogScaleSkipsZeroAndNegativeValues) {
  const std::string svg = render_svg(chart_with({{0, 0.5}, {1, 200}, {2, 0}, {3, -4}, {4, 3}, {5, 8}}, ScaleKind::log));
  EXPECT_EQ(count(svg, "class=\"line\""), 2u);
  EXPECT_NE(svg.find(">0.1</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1k</text>"), std::string::npos);
}

TEST(SvgChart, LinearValueAxisStartsAtZero) {
  const std::string svg = render_svg(chart_with({{0, 900}, {1, 1000}}));
  EXPECT_NE(svg.find(">0</text>"), std::string::npos);
}

TEST(SvgChart, ShadesBandsAndDrawsMarkersAndLevels) {
  ChartSpec chart = chart_with({{0, 1}, {10, 2}});
  chart.x.lowest = 0;
  chart.x.highest = 10;
  chart.bands.push_back({2, 4, "#1 latency"});
  chart.markers.push_back({5, "exit (SIGKILL)", "event"});
  chart.markers.push_back({50, "outside the run", "event"});
  chart.levels.push_back({1.5, "memory limit"});
  const std::string svg = render_svg(chart);
  EXPECT_EQ(count(svg, "class=\"band fault\""), 1u);
  EXPECT_NE(svg.find(">#1 latency</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"marker event\""), 1u);
  EXPECT_NE(svg.find("exit (SIGKILL)"), std::string::npos);
  EXPECT_EQ(svg.find("outside the run"), std::string::npos);
  EXPECT_NE(svg.find(">memory limit</text>"), std::string::npos);
}

TEST(SvgChart, DashesBaselineSeries) {
  ChartSpec chart = chart_with({{0, 1}, {1, 2}});
  chart.series.push_back({"s.baseline", "baseline", "#0072B2", true, {{0, 1}, {1, 1}}, {}});
  EXPECT_EQ(count(render_svg(chart), "class=\"line dashed\""), 1u);
}

TEST(SvgChart, FillsStackedAreasBetweenTheirLowerAndUpperValues) {
  ChartSpec chart = chart_with({});
  chart.series = {{"timeout", "timeout", "#E69F00", false, {{0, 2}, {1, 3}}, {0, 0}},
                  {"reset", "reset", "#CC79A7", false, {{0, 5}, {1, 3}}, {2, 3}}};
  const std::string svg = render_svg(chart);
  EXPECT_EQ(count(svg, "class=\"area\""), 2u);
  EXPECT_NE(svg.find("fill=\"#CC79A7\""), std::string::npos);
}

TEST(SvgChart, EscapesTextFromTheData) {
  ChartSpec chart = chart_with({{0, 1}, {1, 2}});
  chart.series[0].key = "a\"><script>";
  chart.bands.push_back({0, 1, "<b>fault</b>"});
  const std::string svg = render_svg(chart);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;fault"), std::string::npos);
}

TEST(HoverJson, ShowsEachStackedClassByItselfAndGapsAsNull) {
  ChartSpec chart = chart_with({});
  chart.y.unit = "/s";
  chart.series = {{"reset", "reset", "#CC79A7", false, {{0, 5}, {1, std::nan("")}}, {2, 3}}};
  const nlohmann::json hover = hover_json(chart);
  EXPECT_EQ(hover["unit"], "/s");
  EXPECT_EQ(hover["series"][0]["y"][0], 3.0);
  EXPECT_TRUE(hover["series"][0]["y"][1].is_null());
}

}  // namespace
}  // namespace faultline::reports::html
