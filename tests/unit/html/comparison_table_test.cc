// The comparison table: a row per metric in benchstat's terms, regressions marked in words and
// colour, hostile names inert, and nothing at all without a baseline.
#include <gtest/gtest.h>

#include <regex>

#include "reports/html/comparison_table.h"
#include "sample_result.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

std::string rendered(const nlohmann::json& comparison) {
  nlohmann::json result = testing::sample_result();
  result["comparison"] = comparison;
  return render_comparison(read_run(result));
}

// The <tr> whose metric cell names `metric`.
std::string row_of(const std::string& html, const std::string& metric) {
  const std::size_t at = html.find("<code>" + metric + "</code>");
  if (at == std::string::npos) return "";
  const std::size_t start = html.rfind("<tr", at);
  return html.substr(start, html.find("</tr>", at) + 5 - start);
}

TEST(ComparisonTable, WritesMediansIntervalsChangePAndSizesOfANoisyMetric) {
  const std::string row = row_of(rendered(testing::sample_comparison()), "load.api.p99");
  EXPECT_TRUE(contains(row, "</code> during steady</th>"));
  // Half-widths: the larger distance from the median to a bound, relative to the median.
  EXPECT_TRUE(contains(row, "<td>1.210ms ± 7%</td>"));
  EXPECT_TRUE(contains(row, "<td>6.400ms ± 2%</td>"));
  EXPECT_TRUE(contains(row, "<td>+429%</td>"));
  EXPECT_TRUE(contains(row, "<td>p&lt;0.001</td>"));
  EXPECT_TRUE(contains(row, "<td>20+20 intervals</td>"));
}

TEST(ComparisonTable, MarksARegressionInWordsAsWellAsColour) {
  const std::string row = row_of(rendered(testing::sample_comparison()), "load.api.p99");
  EXPECT_TRUE(row.starts_with("<tr class=\"cmp-regressed\">"));
  EXPECT_TRUE(contains(row, "<td class=\"cmp-verdict\">✗ regressed</td>"));
}

TEST(ComparisonTable, WritesEveryVerdictInWords) {
  const std::string html = rendered(testing::sample_comparison());
  const std::string improved = row_of(html, "load.api.p50");
  EXPECT_TRUE(improved.starts_with("<tr class=\"cmp-improved\">"));
  EXPECT_TRUE(contains(improved, "<td>-12%</td><td>p=0.002</td>"));
  EXPECT_TRUE(contains(improved, "✓ improved"));
  const std::string same = row_of(html, "load.api.throughput");
  EXPECT_TRUE(contains(same, "<td>198/s ± 2%</td>"));
  EXPECT_TRUE(contains(same, "<td>+0.5%</td><td>p=0.41</td>"));
  EXPECT_TRUE(contains(same, "~ same"));
  const std::string insufficient = row_of(html, "recovery.time_to_recover");
  EXPECT_TRUE(insufficient.starts_with("<tr class=\"cmp-insufficient\">"));
  EXPECT_TRUE(contains(insufficient, "<td>0.5s ± ∞</td><td>0.7s ± ∞</td>"));
  EXPECT_TRUE(contains(insufficient, "<td>—</td><td>1+1 runs</td>"));
  EXPECT_TRUE(contains(insufficient, "? too few samples: with n=1+1 no difference can be significant; needs 4+4 runs (--repeat 4)"));
}

TEST(ComparisonTable, ComparesExactMetricsByTheirCounts) {
  const std::string row = row_of(rendered(testing::sample_comparison()), "target.threads_leaked");
  EXPECT_TRUE(row.starts_with("<tr class=\"cmp-regressed\">"));
  EXPECT_TRUE(contains(row, "</code></th><td>0</td><td>37</td><td>+37</td><td>—</td><td>1+1 runs</td>"));
  EXPECT_TRUE(contains(row, "✗ regressed"));
}

TEST(ComparisonTable, SumsUpTheBaselineRunsAlphaAndVerdictsAboveTheTable) {
  const std::string html = rendered(testing::sample_comparison());
  EXPECT_TRUE(contains(html, "<caption>Baseline <code>scenarios/baselines/kv-latency.json</code> (scenario kv-latency) · 1+1 runs · "
                             "alpha 0.05 · <strong>2 regressions, 1 improvement, 1 insufficient</strong> · the comparison fails the run"
                             "</caption>"));
  nlohmann::json quiet = testing::sample_comparison();
  quiet["metrics"] = {quiet["metrics"][2]};
  quiet["passed"] = true;
  EXPECT_TRUE(contains(rendered(quiet), "<strong>no significant change</strong> · the comparison passes"));
}

TEST(ComparisonTable, SaysWhenTheScenarioAcceptsTooFewSamples) {
  nlohmann::json comparison = testing::sample_comparison();
  comparison["too_few_samples_pass"] = true;
  const std::string row = row_of(rendered(comparison), "recovery.time_to_recover");
  EXPECT_TRUE(row.starts_with("<tr class=\"cmp-accepted\">"));
  EXPECT_TRUE(contains(row, "(accepted by the scenario)"));
}

TEST(ComparisonTable, WritesAnInfiniteChangeFromAZeroMedian) {
  nlohmann::json comparison = testing::sample_comparison();
  comparison["metrics"][0]["baseline"] = {{"n", 20}, {"median", 0}, {"low", 0}, {"high", 0.2}};
  comparison["metrics"][0]["delta"] = nullptr;
  const std::string row = row_of(rendered(comparison), "load.api.p99");
  EXPECT_TRUE(contains(row, "<td>+∞%</td>"));
  // No relative width around 0: the half-width in the metric's unit.
  EXPECT_TRUE(contains(row, "± 0.200ms</td>"));
}

TEST(ComparisonTable, ShowsAVerdictItDoesNotKnowWithoutStylingItAsAPass) {
  nlohmann::json comparison = testing::sample_comparison();
  comparison["metrics"][2]["verdict"] = "wobbly";
  const std::string row = row_of(rendered(comparison), "load.api.throughput");
  EXPECT_TRUE(row.starts_with("<tr class=\"cmp-other\">"));
  EXPECT_TRUE(contains(row, "<td class=\"cmp-verdict\">wobbly</td>"));
}

TEST(ComparisonTable, EscapesEveryTextFromTheResult) {
  nlohmann::json comparison = testing::sample_comparison();
  comparison["baseline_path"] = "<script>alert(1)</script>";
  comparison["baseline_scenario"] = "<b>x</b>";
  comparison["metrics"][0]["metric"] = "<script>alert(2)</script>";
  comparison["metrics"][0]["scope"] = "<i>steady</i>";
  comparison["metrics"][0]["unit"] = "<u>";
  comparison["metrics"][3]["note"] = "<img src=x onerror=alert(3)>";
  comparison["metrics"][4]["verdict"] = "<svg onload=alert(4)>";
  const std::string html = rendered(comparison);
  EXPECT_TRUE(contains(html, "<code>&lt;script&gt;alert(2)&lt;/script&gt;</code> &lt;i&gt;steady&lt;/i&gt;"));
  EXPECT_TRUE(contains(html, "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"));
  EXPECT_TRUE(contains(html, "1.21 &lt;u&gt;"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_FALSE(contains(html, "<b>"));
  EXPECT_FALSE(contains(html, "<i>"));
}

TEST(ComparisonTable, RendersNothingWithoutABaseline) {
  EXPECT_EQ(render_comparison(read_run(testing::sample_result())), "");
  nlohmann::json result = testing::sample_result();
  result.erase("comparison");
  EXPECT_EQ(render_comparison(read_run(result)), "");
}

TEST(ComparisonTable, RendersMistypedFieldsAsMissingValues) {
  const nlohmann::json junk = nlohmann::json::parse(R"({
    "baseline_path": 3, "baseline_runs": "one", "alpha": null, "too_few_samples_pass": "yes", "passed": 1,
    "metrics": [ 1, "x", null,
                 { "metric": 5, "scope": null, "unit": [], "kind": {}, "verdict": "regressed",
                   "baseline": "b", "current": { "n": "20", "median": "6", "low": 1 }, "delta": "big", "p": [] },
                 { "verdict": "insufficient" } ] })");
  std::string html;
  ASSERT_NO_THROW(html = rendered(junk));
  EXPECT_TRUE(contains(html, "<code>5</code></th><td>–</td><td>–</td><td>–</td><td>—</td><td>–+–</td>"));
  EXPECT_TRUE(contains(html, "? too few samples"));
  EXPECT_TRUE(contains(html, "<strong>1 regression, 1 insufficient</strong></caption>"));
  EXPECT_FALSE(std::regex_search(html, std::regex(">[^<]*\\b(nan|inf)\\b", std::regex::icase)));
  ASSERT_NO_THROW(html = rendered({{"metrics", "none"}}));
  EXPECT_TRUE(contains(html, "no metrics compared"));
}

}  // namespace
}  // namespace faultline::reports::html
