// The whole HTML report: every section for a full result, absent sections left out, hostile text
// made inert, a baseline drawn dashed, and the size bound for a long run.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "reports/html/report_page.h"
#include "sample_result.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

TEST(ReportPage, RendersEverySectionOfAFullResult) {
  const std::string html = render_report(testing::sample_result());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(contains(html, "class=\"verdict verdict-fail\""));
  EXPECT_TRUE(contains(html, "expectation failed: target.threads_leaked == 0 (observed 5)"));
  EXPECT_TRUE(contains(html, "id=\"summary\""));
  EXPECT_TRUE(contains(html, "Timeline of the run"));
  EXPECT_TRUE(contains(html, "id=\"chart-throughput\""));
  EXPECT_TRUE(contains(html, "id=\"chart-errors-0\""));
  EXPECT_TRUE(contains(html, "id=\"chart-latency-0\""));
  EXPECT_TRUE(contains(html, "id=\"chart-resource-0\""));
  EXPECT_TRUE(contains(html, "memory limit 256 MiB"));
  EXPECT_TRUE(contains(html, "id=\"chart-distribution\""));
  EXPECT_TRUE(contains(html, "id=\"expectations\""));
  EXPECT_TRUE(contains(html, "id=\"findings\""));
  EXPECT_TRUE(contains(html, "WARNING: ThreadSanitizer: data race"));
  EXPECT_TRUE(contains(html, "id=\"events\""));
}

TEST(ReportPage, PlacesTheComparisonBeforeTheExpectations) {
  nlohmann::json result = testing::sample_result();
  EXPECT_FALSE(contains(render_report(result), "id=\"comparison\""));
  result["comparison"] = testing::sample_comparison();
  const std::string html = render_report(result);
  EXPECT_TRUE(contains(html, "<a href=\"#comparison\">Comparison</a>"));
  const std::size_t comparison = html.find("<section id=\"comparison\">");
  ASSERT_NE(comparison, std::string::npos);
  EXPECT_LT(comparison, html.find("<section id=\"expectations\">"));
  EXPECT_TRUE(contains(html, "tr.cmp-regressed{"));
}

TEST(ReportPage, ShadesTheFaultOnEveryTimeChartAndMarksEventsAndRecovery) {
  const std::string html = render_report(testing::sample_result());
  // Throughput, errors, latency (linear and log), four resources.
  EXPECT_EQ(count(html, "<g class=\"band fault\">"), 8u);
  EXPECT_TRUE(contains(html, "#1 latency:latency=200ms"));
  EXPECT_EQ(count(html, "class=\"marker event\""), 8u);
  EXPECT_TRUE(contains(html, "recovered from #1 after 0.5s"));
  EXPECT_TRUE(contains(html, "median during #1"));
}

TEST(ReportPage, ShowsEveryChartsKeyNumbersAsATable) {
  const std::string html = render_report(testing::sample_result());
  EXPECT_EQ(count(html, "<figure class=\"chart\" id=\"chart-"), count(html, "<table class=\"key-numbers\">"));
  // p99 before the fault, and during it, as text.
  EXPECT_TRUE(contains(html, "<td>220ms</td>"));
}

TEST(ReportPage, OmitsAbsentSectionsOfTodaysResultShape) {
  const std::string html = render_report(testing::minimal_result());
  EXPECT_TRUE(contains(html, "class=\"verdict verdict-pass\""));
  EXPECT_TRUE(contains(html, "No faults were injected in this run."));
  EXPECT_FALSE(contains(html, "<g class=\"band fault\">"));
  EXPECT_FALSE(contains(html, "id=\"expectations\""));
  EXPECT_FALSE(contains(html, "id=\"findings\""));
  EXPECT_FALSE(contains(html, "id=\"chart-resource-"));
  EXPECT_TRUE(contains(html, "no samples of the target"));
  EXPECT_TRUE(contains(html, "id=\"chart-latency-0\""));
}

TEST(ReportPage, RendersSomethingForAnEmptyOrMalformedResult) {
  for (const nlohmann::json& junk : {nlohmann::json(), nlohmann::json::object(), nlohmann::json::array({1}),
                                     nlohmann::json::parse(R"({"load": {"api": {"series": [1, {"t": "x"}], "histogram": 5}},
                                                              "faults": [3], "target": {"events": {}}, "verdict": 1})")}) {
    std::string html;
    ASSERT_NO_THROW(html = render_report(junk)) << junk.dump();
    EXPECT_TRUE(contains(html, "</html>"));
    EXPECT_FALSE(contains(html, "nan"));
  }
}

TEST(ReportPage, NeverPrintsNanOrInfinityForMissingNumbers) {
  nlohmann::json result = testing::sample_result();
  result["load"]["api"]["summary"].erase("latency_ms");
  result["load"]["api"]["series"][2]["p99_ms"] = nullptr;
  const std::string html = render_report(result);
  EXPECT_FALSE(std::regex_search(html, std::regex(">[^<]*\\b(nan|inf)\\b", std::regex::icase)));
}

TEST(ReportPage, HostileTextFromTheResultRendersInert) {
  const std::string attack = "</script><img src=x onerror=alert(1)>";
  nlohmann::json result = testing::sample_result();
  result["scenario"]["name"] = attack;
  result["scenario"]["description"] = attack;
  result["reasons"] = {attack};
  result["load"][attack] = result["load"]["api"];
  result["faults"][0]["spec"] = attack;
  result["target"]["events"][0]["detail"] = attack;
  result["target"]["reports"][0]["first"] = attack;
  result["expectations"][0]["text"] = attack;
  result["comparison"] = testing::sample_comparison();
  result["comparison"]["metrics"][0]["metric"] = attack;
  result["comparison"]["metrics"][0]["text"] = attack;
  const std::string html = render_report(result);
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_TRUE(contains(html, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
  // The only script elements are the page's own: the hover data for each figure and the script.
  EXPECT_EQ(count(html, "</script>"), count(html, "<script"));
  EXPECT_EQ(count(html, "<script>"), 1u);
}

TEST(ReportPage, ForbidsNetworkRequestsAndLoadsNothingFromOutside) {
  const std::string html = render_report(testing::sample_result());
  EXPECT_TRUE(contains(html, "Content-Security-Policy\" content=\"default-src 'none'"));
  EXPECT_FALSE(contains(html, "http://"));
  EXPECT_FALSE(contains(html, "https://"));
  EXPECT_FALSE(contains(html, "<link"));
  EXPECT_FALSE(contains(html, "src="));
  EXPECT_TRUE(contains(html, "@media print"));
}

TEST(ReportPage, DrawsTheBaselineDashedOnTheSameAxes) {
  nlohmann::json baseline = testing::minimal_result();
  baseline["scenario"]["name"] = "kv-latency";
  const nlohmann::json result = testing::sample_result();
  const std::string html = render_report(result, &baseline);
  EXPECT_TRUE(contains(html, "Dashed lines: the baseline run"));
  EXPECT_TRUE(contains(html, "api (baseline)"));
  EXPECT_TRUE(contains(html, "p99 (baseline)"));
  // Throughput, latency (two, each linear and log), the distribution (linear and log).
  EXPECT_GE(count(html, "class=\"line dashed\""), 7u);
  EXPECT_FALSE(contains(render_report(result), "class=\"line dashed\""));
}

// A ten-minute run with two generators, every error class in every interval, target samples, a
// fault and a baseline (itself): the shape of the largest report a CI run produces.
nlohmann::json ten_minute_result(double interval_s) {
  nlohmann::json result = testing::sample_result();
  result["run"]["duration_s"] = 600.0;
  result["intervals_s"] = interval_s;
  nlohmann::json series = nlohmann::json::array();
  nlohmann::json target = nlohmann::json::array();
  for (int i = 0; i * interval_s < 600; ++i) {
    const double t = i * interval_s;
    const double wave = 1 + 0.5 * std::sin(t / 10.0);
    nlohmann::json errors = nlohmann::json::object();
    for (const char* error_class : {"connect_refused", "connect_timeout", "timeout", "reset", "eof", "http_4xx", "http_5xx",
                                    "protocol", "dropped", "other"}) {
      errors[error_class] = i % 7 + 1;
    }
    series.push_back({{"t", t}, {"sent", 1000}, {"ok", 990}, {"errors", errors}, {"throughput_rps", 990 * wave},
                      {"p50_ms", 0.41 * wave}, {"p90_ms", 0.83 * wave}, {"p99_ms", 2.37 * wave}, {"max_ms", 12.1 * wave}});
    target.push_back({{"t", t}, {"threads", 10 + i / 60}, {"fds", 30 + i % 13}, {"rss_bytes", 1.0e7 + i * 12345.0}, {"cpu", 0.5 * wave}});
  }
  result["load"]["api"]["series"] = series;
  result["load"]["second"] = result["load"]["api"];
  result["target"]["series"] = target;
  return result;
}

TEST(ReportPage, StaysUnderTwoMegabytesForATenMinuteRun) {
  const nlohmann::json result = ten_minute_result(1.0);
  const std::string html = render_report(result, &result);
  EXPECT_LT(html.size(), 2'000'000u);
  EXPECT_FALSE(contains(html, "each point:"));
  RecordProperty("bytes", static_cast<int>(html.size()));
}

TEST(ReportPage, MergesIntervalsOfLongRunsToStayUnderTwoMegabytes) {
  const nlohmann::json result = ten_minute_result(0.25);
  const std::string html = render_report(result, &result);
  EXPECT_LT(html.size(), 2'000'000u);
  EXPECT_TRUE(contains(html, "each point: 4 intervals of 0.25s"));
  RecordProperty("bytes", static_cast<int>(html.size()));
}

}  // namespace
}  // namespace faultline::reports::html
