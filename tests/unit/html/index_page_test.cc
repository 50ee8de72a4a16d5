// The index page of a folder of runs.
#include <gtest/gtest.h>

#include "reports/html/index_page.h"
#include "sample_result.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

TEST(IndexPage, ListsEveryRunWithItsVerdictAndALinkToItsReport) {
  nlohmann::json passed = testing::minimal_result();
  passed["scenario"]["name"] = "smoke";
  const std::string html = render_index({{passed, "smoke/report.html"}, {testing::sample_result(), "kv-latency/report.html"}});
  EXPECT_TRUE(contains(html, "<a href=\"smoke/report.html\">smoke</a>"));
  EXPECT_TRUE(contains(html, "<a href=\"kv-latency/report.html\">kv-latency</a>"));
  EXPECT_TRUE(contains(html, "verdict-cell pass\">pass<"));
  EXPECT_TRUE(contains(html, "verdict-cell fail\">fail<"));
  EXPECT_TRUE(contains(html, "1 passed, 1 did not"));
  EXPECT_TRUE(contains(html, "expectation failed: target.threads_leaked == 0"));
  EXPECT_TRUE(contains(html, "210ms"));  // the worst p99
}

TEST(IndexPage, PutsFailuresFirst) {
  nlohmann::json passed = testing::minimal_result();
  passed["scenario"]["name"] = "first-but-passing";
  const std::string html = render_index({{passed, "a.html"}, {testing::sample_result(), "b.html"}});
  EXPECT_LT(html.find("kv-latency"), html.find("first-but-passing"));
}

TEST(IndexPage, SaysSoWhenThereAreNoRuns) {
  const std::string html = render_index({});
  EXPECT_TRUE(contains(html, "No results were found."));
  EXPECT_TRUE(contains(html, "verdict-fail"));
}

TEST(IndexPage, LinksCannotRunScriptsAndNamesAreEscaped) {
  nlohmann::json result = testing::sample_result();
  result["scenario"]["name"] = "<img src=x onerror=alert(1)>";
  const std::string html = render_index({{result, "javascript:alert(1)"}});
  EXPECT_FALSE(contains(html, "href=\"javascript:"));
  EXPECT_TRUE(contains(html, "href=\"./javascript:alert(1)\""));
  EXPECT_FALSE(contains(html, "<img"));
}

}  // namespace
}  // namespace faultline::reports::html
