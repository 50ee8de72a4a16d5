// The verdict banner's reasons: the run's own reasons as written, and a line for each failed
// expectation, regression or uncomparable metric that they do not already name, never two.
#include <gtest/gtest.h>

#include "reports/html/verdict_banner.h"
#include "sample_result.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

nlohmann::json result_with_comparison() {
  nlohmann::json result = testing::sample_result();
  result["comparison"] = testing::sample_comparison();
  return result;
}

TEST(VerdictBanner, ListsEachRegressionOnceWhenTheReasonsAlreadyNameIt) {
  nlohmann::json result = result_with_comparison();
  // As faultline writes them: one line per regression and per metric it cannot compare, each
  // from the comparison's own text and note.
  result["reasons"] = {"expectation failed: target.threads_leaked == 0 (observed 5)",
                       "regression: load.api.p99 during steady  1.21ms ± 7%  →  6.4ms ± 2%  +429%  (p<0.001 n=20+20)",
                       "regression: target.threads_leaked  0  →  37  +37  (exact)",
                       "cannot compare with the baseline: recovery.time_to_recover during fault 1: too few samples: with n=1+1 no "
                       "difference can be significant; needs 4+4 runs (--repeat 4)"};
  const std::string html = render_verdict_banner(read_run(result));
  EXPECT_EQ(count(html, "<li>"), 4u);
  EXPECT_EQ(count(html, "regression: load.api.p99"), 1u);
  EXPECT_EQ(count(html, "regression: target.threads_leaked"), 1u);
  EXPECT_EQ(count(html, "cannot compare with the baseline"), 1u);
}

TEST(VerdictBanner, AddsTheRegressionsAndUncomparableMetricsTheReasonsDoNotName) {
  // A result whose reasons predate the comparison: only the failed expectation is named, and a
  // failed expectation on the same metric is not a regression line.
  const std::string html = render_verdict_banner(read_run(result_with_comparison()));
  EXPECT_EQ(count(html, "<li>"), 4u);
  EXPECT_EQ(count(html, "<li>regression: load.api.p99 during steady  1.21ms ± 7%  →  6.4ms ± 2%  +429%  (p&lt;0.001 n=20+20)</li>"), 1u);
  EXPECT_EQ(count(html, "<li>regression: target.threads_leaked  0  →  37  +37  (exact)</li>"), 1u);
  EXPECT_EQ(count(html, "<li>cannot compare with the baseline: recovery.time_to_recover during fault 1: too few samples: with n=1+1"), 1u);
  EXPECT_EQ(count(html, "improved"), 0u);
  EXPECT_EQ(count(html, "load.api.throughput"), 0u);
}

TEST(VerdictBanner, LeavesOutMetricsTooFewSamplesAreAcceptedFor) {
  nlohmann::json result = result_with_comparison();
  result["comparison"]["too_few_samples_pass"] = true;
  const std::string html = render_verdict_banner(read_run(result));
  EXPECT_EQ(count(html, "cannot compare with the baseline"), 0u);
  EXPECT_EQ(count(html, "<li>regression: "), 2u);
}

TEST(VerdictBanner, DoesNotTakeARegressionAsNamedByALineOnAnotherMetric) {
  nlohmann::json result = result_with_comparison();
  result["comparison"]["metrics"][4]["metric"] = "load.api.p99";
  result["comparison"]["metrics"][4]["text"] = "load.api.p99  1ms  →  2ms  +100%  (p=0.002 n=9+9)";
  result["reasons"] = {"regression: load.api.p999  1ms  →  9ms  +800%  (p=0.002 n=9+9)"};
  const std::string html = render_verdict_banner(read_run(result));
  EXPECT_EQ(count(html, "<li>regression: load.api.p99  1ms"), 1u);
}

TEST(VerdictBanner, NamesARegressionWithoutTextByItsMetricAndScope) {
  nlohmann::json result = result_with_comparison();
  result["comparison"]["metrics"][0].erase("text");
  const std::string html = render_verdict_banner(read_run(result));
  EXPECT_EQ(count(html, "<li>regression: load.api.p99 during steady</li>"), 1u);
}

}  // namespace
}  // namespace faultline::reports::html
