// The Markdown step summary: heading, reasons, both tables, escaping and its bounds.
#include "reports/ci/markdown_summary.h"

#include <gtest/gtest.h>

#include "ci_sample.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::ci {
namespace {

TEST(MarkdownSummary, FailedRunHasAHeadingReasonsAndBothTables) {
  const std::vector<result::RunResult> runs{sample::failed_run()};
  const result::ComparisonRecord comparison = sample::comparison();
  const std::string md = markdown_summary({"smoke", false, runs, &comparison});
  EXPECT_TRUE(md.starts_with("## ❌ smoke failed\n\n")) << md;
  EXPECT_TRUE(contains(md, "- the target exited unexpectedly at 1.0s (killed by SIGSEGV)\n")) << md;
  EXPECT_TRUE(contains(md, "- expectation failed: recovery.time\\_to\\_recover &lt; 5s: not observed\n")) << md;
  EXPECT_TRUE(contains(md, "- baseline comparison: 2 regressions, 1 insufficient (needs 4+4 runs: --repeat 4), 1 improvement\n")) << md;
  EXPECT_TRUE(contains(md, "| expectation | observed | result |\n|---|---|---|\n"
                           "| load.api.p99 &lt; 250ms during steady | 3.2ms | ✅ pass |\n"
                           "| recovery.time\\_to\\_recover &lt; 5s | not observed | ❌ **fail** |\n"))
      << md;
  EXPECT_TRUE(contains(md, "### Baseline comparison\n\nAgainst scenarios/baselines/smoke.json (1 run → 1 run, alpha 0.05).\n\n")) << md;
  EXPECT_TRUE(contains(md, "| metric | baseline | current | change | p | verdict |\n|---|---|---|---|---|---|\n"
                           "| **load.api.p99 during steady** | 1.21ms ± 6% | 6.4ms ± 2% | **+429%** | p&lt;0.001 n=20+20 | **regressed** |\n"
                           "| load.api.throughput during steady | 1000/s ± 6% | 1300/s ± 2% | +30% | p=0.002 n=20+20 | improved |\n"
                           "| load.api.error\\_rate during steady | 1% ± 6% | 1.02% ± 2% | +2.0% | p=0.41 n=20+20 | ~ |\n"
                           "| recovery.time\\_to\\_recover during fault 1 | 500ms ± ∞ | 700ms ± ∞ | +40% | n=1+1 | **insufficient** |\n"
                           "| **target.threads\\_leaked** | 0 | 37 | **+37** | exact | **regressed** |\n"))
      << md;
  EXPECT_TRUE(contains(md, "Too few samples to judge:\n\n- recovery.time\\_to\\_recover during fault 1: too few samples: with n=1+1")) << md;
  EXPECT_TRUE(contains(md, "\n2 regressions, 1 insufficient (needs 4+4 runs: --repeat 4), 1 improvement\n")) << md;
}

TEST(MarkdownSummary, PassedRunWithoutBaselineHasNoReasonsAndNoComparison) {
  std::vector<result::RunResult> runs{sample::failed_run()};
  runs[0].reasons.clear();
  runs[0].expectations[1].passed = true;
  const std::string md = markdown_summary({"smoke", true, runs, nullptr});
  EXPECT_TRUE(md.starts_with("## ✅ smoke passed\n\n### Expectations\n")) << md;
  EXPECT_FALSE(contains(md, "Baseline comparison")) << md;
  EXPECT_FALSE(contains(md, "\n- ")) << md;
}

TEST(MarkdownSummary, AcceptedTooFewSamplesIsNotBold) {
  result::ComparisonRecord comparison = sample::comparison();
  comparison.too_few_samples_pass = true;
  const std::string md = markdown_summary({"smoke", false, {}, &comparison});
  EXPECT_TRUE(contains(md, "| n=1+1 | insufficient (accepted) |\n")) << md;
}

TEST(MarkdownSummary, SeveralRunsNameTheRunOfEachLine) {
  const std::vector<result::RunResult> runs{sample::failed_run(), sample::failed_run()};
  const std::string md = markdown_summary({"smoke", false, runs, nullptr});
  EXPECT_TRUE(md.starts_with("## ❌ smoke failed (2 runs)\n")) << md;
  EXPECT_TRUE(contains(md, "- run 2: the target exited unexpectedly")) << md;
  EXPECT_TRUE(contains(md, "| run 2: load.api.p99 &lt; 250ms during steady |")) << md;
}

TEST(MarkdownSummary, CellsCannotBreakTheTableOrInjectMarkup) {
  std::vector<result::RunResult> runs{result::RunResult{}};
  runs[0].expectations.push_back(
      {"a | b\nc <script>alert(1)</script> & *x* `y` [z](http://e) \x01", "m", "", false, std::nullopt, "", "", ""});
  runs[0].reasons = {"line one\r\nline | two"};
  const std::string md = markdown_summary({"s|<b>", false, runs, nullptr});
  EXPECT_TRUE(md.starts_with("## ❌ s\\|&lt;b&gt; failed\n")) << md;
  EXPECT_TRUE(contains(md, "- line one<br>line \\| two\n")) << md;
  EXPECT_TRUE(contains(md, "| a \\| b<br>c &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*x\\* \\`y\\` \\[z\\](http://e) \uFFFD | not observed |"))
      << md;
  EXPECT_FALSE(contains(md, "<script")) << md;
}

TEST(MarkdownSummary, RowsPastTheBoundAreLeftOutPassingOnesFirstAndCounted) {
  std::vector<result::RunResult> runs{result::RunResult{}};
  for (int i = 0; i < 10; ++i) {
    runs[0].expectations.push_back({"e" + std::to_string(i), "m", "", i != 7, 1.0, "", "1", ""});
  }
  const std::string md = markdown_summary({"s", false, runs, nullptr}, {.expectation_rows = 3});
  EXPECT_TRUE(contains(md, "| e0 |")) << md;
  EXPECT_TRUE(contains(md, "| e1 |")) << md;
  EXPECT_TRUE(contains(md, "| e7 | 1 | ❌ **fail** |")) << md;
  EXPECT_FALSE(contains(md, "| e2 |")) << md;
  EXPECT_TRUE(contains(md, "_7 more expectations left out; result.json has them all._")) << md;
}

// GitHub refuses a step summary over 1 MiB: the defaults keep even an absurd run well under it.
TEST(MarkdownSummary, StaysUnderGithubsLimitWhateverTheRunHolds) {
  std::string huge;  // every character escaped to several
  for (int i = 0; i < 5'000; ++i) huge += "&|";
  std::vector<result::RunResult> runs(5);
  for (result::RunResult& run : runs) {
    run.reasons.assign(20, huge);
    for (int i = 0; i < 30; ++i) run.expectations.push_back({huge, "m", "", false, std::nullopt, "", huge, huge});
  }
  result::ComparisonRecord comparison = sample::comparison();
  for (int i = 0; i < 5; ++i) {
    const std::vector<result::MetricComparisonRecord> copy = comparison.metrics;
    comparison.metrics.insert(comparison.metrics.end(), copy.begin(), copy.end());
  }
  for (result::MetricComparisonRecord& m : comparison.metrics) {
    m.metric = huge;
    m.note = huge;
  }
  const std::string md = markdown_summary({huge, false, runs, &comparison});
  EXPECT_LT(md.size(), 1024u * 1024u);
  EXPECT_TRUE(contains(md, "more reasons left out")) << md.substr(0, 2000);
  EXPECT_TRUE(contains(md, "more expectations left out"));
  EXPECT_TRUE(contains(md, "more metrics left out"));
}

}  // namespace
}  // namespace faultline::reports::ci
