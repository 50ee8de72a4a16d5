// The text helpers of the CI reports: UTF-8 reading and cutting, XML escaping, and which of a
// run's reasons are findings.
#include <gtest/gtest.h>

#include "ci_sample.h"
#include "reports/ci/ci_outcome.h"
#include "reports/ci/utf8_text.h"
#include "reports/ci/xml_text.h"

namespace faultline::reports::ci {
namespace {

std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) out += next_code_point(text, pos);
  return out;
}

TEST(Utf8Text, ReadsValidTextAndReplacesEachMalformedByte) {
  EXPECT_EQ(code_points("a±→😀"), U"a±→😀");
  EXPECT_EQ(code_points("\x80"), U"\uFFFD");                   // a stray continuation byte
  EXPECT_EQ(code_points("\xC0\xAF"), U"\uFFFD\uFFFD");         // an overlong '/'
  EXPECT_EQ(code_points("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");  // an encoded surrogate
  EXPECT_EQ(code_points("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  EXPECT_EQ(code_points("\xE2\x82"), U"\uFFFD\uFFFD");         // truncated
  EXPECT_EQ(code_points("\xE2\x82z"), U"\uFFFD\uFFFDz");
}

TEST(Utf8Text, CutsBetweenCharacters) {
  EXPECT_EQ(truncate_utf8("short", 10), "short");
  EXPECT_EQ(truncate_utf8("abcdefghij", 6), "abc…");
  EXPECT_EQ(truncate_utf8("ab→cdefgh", 7), "ab…");  // "→" is 3 bytes and would not fit whole
}

TEST(XmlText, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(xml_text("a<b>&c ]]> \"q\" 'a'"), "a&lt;b&gt;&amp;c ]]&gt; \"q\" 'a'");
  EXPECT_EQ(xml_text("x\ty\nz\r\x01\x1b\x7f\xef\xbf\xbe\xff"), "x\ty\nz&#13;\uFFFD\uFFFD\x7f\uFFFD\uFFFD");
  EXPECT_EQ(xml_attribute("a\"b'c\td\ne<&>"), "a&quot;b&apos;c&#9;d&#10;e&lt;&amp;&gt;");
}

TEST(CiOutcome, FindingsAreTheReasonsThatAreNotFailedExpectationsNorTheComparison) {
  result::RunResult run = sample::failed_run();
  run.reasons.push_back("fault 1 (latency 100ms): expectation failed: cannot remove the toxic");
  run.reasons.push_back("regression: load.api.p99 during steady  1.2ms → 6.4ms  +429%  (p<0.001 n=20+20)");
  run.reasons.push_back("cannot compare with the baseline: recovery.time_to_recover during fault 1: too few samples");
  run.reasons.push_back("the run was interrupted by SIGTERM after 3s");
  EXPECT_EQ(run_findings(run), (std::vector<std::string>{"the target exited unexpectedly at 1.0s (killed by SIGSEGV)",
                                                          "fault 1 (latency 100ms): expectation failed: cannot remove the toxic",
                                                          "the run was interrupted by SIGTERM after 3s"}));
}

TEST(CiOutcome, PrefixesNameTheRunOnlyWhenThereAreSeveral) {
  const std::vector<result::RunResult> one(1);
  const std::vector<result::RunResult> two(2);
  EXPECT_EQ(run_prefix({"s", true, one, nullptr}, 0), "");
  EXPECT_EQ(run_label({"s", true, one, nullptr}, 0), "");
  EXPECT_EQ(run_prefix({"s", true, two, nullptr}, 1), "run 2: ");
  EXPECT_EQ(run_label({"s", true, two, nullptr}, 1), "run 2");
}

}  // namespace
}  // namespace faultline::reports::ci
