// GitHub annotations: what is annotated, in which order, GitHub's escaping and the limit of 10.
#include "reports/ci/github_annotations.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ci_sample.h"

namespace faultline::reports::ci {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GithubAnnotations, EscapesMessagesAndPropertiesAsGithubReadsThem) {
  EXPECT_EQ(annotation_message("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
  EXPECT_EQ(annotation_property("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext%3A a%2C b");
  EXPECT_EQ(annotation_message("bad \xff byte"), "bad \uFFFD byte");
}

TEST(GithubAnnotations, AnnotatesFindingsThenExpectationsThenTheComparison) {
  const std::vector<result::RunResult> runs{sample::failed_run()};
  const result::ComparisonRecord comparison = sample::comparison();
  const std::vector<std::string> lines = lines_of(github_annotations({"smoke", false, runs, &comparison}));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "::error title=faultline smoke%3A run failed::the target exited unexpectedly at 1.0s (killed by SIGSEGV)");
  EXPECT_EQ(lines[1],
            "::error title=faultline smoke%3A expectation failed::recovery.time_to_recover: not observed (fault 1 never recovered), expected < 5s");
  EXPECT_EQ(lines[2],
            "::error title=faultline smoke%3A regression::load.api.p99 during steady  1.21ms ± 6%25 → 6.4ms ± 2%25  +429%25  (p<0.001 n=20+20) "
            "against scenarios/baselines/smoke.json");
  EXPECT_EQ(lines[3],
            "::error title=faultline smoke%3A too few samples::recovery.time_to_recover during fault 1: too few samples: with n=1+1 no "
            "difference can be significant; needs 4+4 runs (--repeat 4)");
  EXPECT_EQ(lines[4], "::error title=faultline smoke%3A regression::target.threads_leaked  0 → 37  +37  (exact) against scenarios/baselines/smoke.json");
}

TEST(GithubAnnotations, NothingWhenNothingFailed) {
  std::vector<result::RunResult> runs{sample::failed_run()};
  runs[0].reasons.clear();
  runs[0].expectations[1].passed = true;
  EXPECT_EQ(github_annotations({"smoke", true, runs, nullptr}), "");
}

TEST(GithubAnnotations, HostileTextStaysOnOneLineAndInItsProperty) {
  std::vector<result::RunResult> runs{result::RunResult{}};
  runs[0].reasons = {"50% of requests\nfailed\r\n::error title=fake::injected"};
  const std::vector<std::string> lines = lines_of(github_annotations({"a:b,c%", false, runs, nullptr}));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "::error title=faultline a%3Ab%2Cc%25%3A run failed::50%25 of requests%0Afailed%0D%0A::error title=fake::injected");
}

TEST(GithubAnnotations, AtMostTenErrorsAndANoticeCountingTheRest) {
  std::vector<result::RunResult> runs{sample::failed_run(), sample::failed_run(), sample::failed_run()};
  for (result::RunResult& run : runs) run.reasons.assign(4, "crash");
  const result::ComparisonRecord comparison = sample::comparison();
  // 3 runs x (4 findings + 1 failed expectation) + 3 failing metrics = 18.
  const std::vector<std::string> lines = lines_of(github_annotations({"smoke", false, runs, &comparison}));
  ASSERT_EQ(lines.size(), kMaxErrorAnnotations + 1);
  for (std::size_t i = 0; i < kMaxErrorAnnotations; ++i) EXPECT_TRUE(lines[i].starts_with("::error ")) << lines[i];
  EXPECT_EQ(lines[0], "::error title=faultline smoke run 1%3A run failed::crash");
  EXPECT_EQ(lines[5], "::error title=faultline smoke run 2%3A run failed::crash");
  EXPECT_TRUE(lines[10].starts_with("::notice title=faultline smoke%3A more failures::8 more failures are not annotated")) << lines[10];
}

}  // namespace
}  // namespace faultline::reports::ci
