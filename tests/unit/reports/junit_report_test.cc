// The JUnit report: its structure and counts, the escaping of every text, and (when xmllint is
// installed) validity against tests/data/junit/junit.xsd.
#include "reports/ci/junit_report.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "ci_sample.h"
#include "xml_tree.h"

namespace faultline::reports::ci {
namespace {

using test::XmlElement;

const XmlElement* suite_of(const XmlElement& root) {
  EXPECT_EQ(root.name, "testsuites");
  const auto suites = root.all("testsuite");
  EXPECT_EQ(suites.size(), 1u);
  return suites.empty() ? nullptr : suites.front();
}

const XmlElement* find_case(const XmlElement& suite, const std::string& name) {
  for (const XmlElement* c : suite.all("testcase")) {
    if (c->attributes.at("name") == name) return c;
  }
  return nullptr;
}

std::size_t count_with(const XmlElement& suite, const std::string& child) {
  std::size_t n = 0;
  for (const XmlElement* c : suite.all("testcase")) n += c->all(child).empty() ? 0 : 1;
  return n;
}

TEST(JunitReport, OneCasePerExpectationFindingsAndComparedMetricWithConsistentCounts) {
  const std::vector<result::RunResult> runs{sample::failed_run()};
  const result::ComparisonRecord comparison = sample::comparison();
  const auto root = test::parse_xml(junit_report({"smoke", false, runs, &comparison}));
  const XmlElement* suite = suite_of(*root);
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->attributes.at("name"), "faultline.smoke");
  // 2 expectations + the run's findings + 5 compared metrics.
  ASSERT_EQ(suite->all("testcase").size(), 8u);
  EXPECT_EQ(suite->attributes.at("tests"), "8");
  // The failed expectation, the crash, two regressions and the insufficient metric.
  EXPECT_EQ(suite->attributes.at("failures"), "5");
  EXPECT_EQ(count_with(*suite, "failure"), 5u);
  EXPECT_EQ(suite->attributes.at("errors"), "0");
  EXPECT_EQ(suite->attributes.at("skipped"), "0");
  EXPECT_EQ(suite->attributes.at("time"), "12.500");
  EXPECT_EQ(root->attributes.at("tests"), "8");
  EXPECT_EQ(root->attributes.at("failures"), "5");
  EXPECT_EQ(root->attributes.at("time"), "12.500");

  const XmlElement* held = find_case(*suite, "load.api.p99 < 250ms during steady");
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->attributes.at("classname"), "expectations");
  EXPECT_TRUE(held->all("failure").empty());
  EXPECT_EQ(held->all("system-out").at(0)->text, runs[0].expectations[0].detail);

  const XmlElement* failed = find_case(*suite, "recovery.time_to_recover < 5s");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->all("failure").at(0)->text, runs[0].expectations[1].detail);

  // The run's case carries the crash but not the expectation's reason, which has its own case.
  const XmlElement* run = find_case(*suite, "run");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->attributes.at("classname"), "findings");
  EXPECT_EQ(run->attributes.at("time"), "12.500");
  const XmlElement* findings = run->all("failure").at(0);
  EXPECT_EQ(findings->text, "the target exited unexpectedly at 1.0s (killed by SIGSEGV)");
  EXPECT_EQ(findings->attributes.at("message"), "the target exited unexpectedly at 1.0s (killed by SIGSEGV)");

  const XmlElement* regression = find_case(*suite, "load.api.p99 during steady");
  ASSERT_NE(regression, nullptr);
  EXPECT_EQ(regression->attributes.at("classname"), "comparison");
  EXPECT_EQ(regression->all("failure").at(0)->attributes.at("type"), "regression");
  EXPECT_EQ(regression->all("failure").at(0)->attributes.at("message"), "regressed +429% (p<0.001 n=20+20)");
  EXPECT_NE(regression->all("failure").at(0)->text.find("1.21ms ± 6% → 6.4ms ± 2%"), std::string::npos);
  EXPECT_FALSE(find_case(*suite, "target.threads_leaked")->all("failure").empty());
  EXPECT_TRUE(find_case(*suite, "load.api.throughput during steady")->all("failure").empty());
  EXPECT_TRUE(find_case(*suite, "load.api.error_rate during steady")->all("failure").empty());
  const XmlElement* insufficient = find_case(*suite, "recovery.time_to_recover during fault 1");
  ASSERT_NE(insufficient, nullptr);
  EXPECT_EQ(insufficient->all("failure").at(0)->attributes.at("type"), "insufficient");
  EXPECT_NE(insufficient->all("failure").at(0)->text.find("needs 4+4 runs"), std::string::npos);
}

TEST(JunitReport, TooFewSamplesThatTheScenarioAcceptsIsSkipped) {
  result::ComparisonRecord comparison = sample::comparison();
  comparison.too_few_samples_pass = true;
  const auto root = test::parse_xml(junit_report({"smoke", false, {}, &comparison}));
  const XmlElement* suite = suite_of(*root);
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->attributes.at("skipped"), "1");
  EXPECT_EQ(suite->attributes.at("failures"), "2");
  const XmlElement* insufficient = find_case(*suite, "recovery.time_to_recover during fault 1");
  ASSERT_NE(insufficient, nullptr);
  EXPECT_TRUE(insufficient->all("failure").empty());
  ASSERT_EQ(insufficient->all("skipped").size(), 1u);
}

TEST(JunitReport, SeveralRunsPrefixTheirCasesWithTheRunNumber) {
  std::vector<result::RunResult> runs{sample::failed_run(), sample::failed_run()};
  runs[1].reasons.clear();
  runs[1].expectations[1].passed = true;
  const auto root = test::parse_xml(junit_report({"smoke", false, runs, nullptr}));
  const XmlElement* suite = suite_of(*root);
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->all("testcase").size(), 6u);
  EXPECT_EQ(suite->attributes.at("time"), "25.000");
  ASSERT_NE(find_case(*suite, "run 1"), nullptr);
  EXPECT_FALSE(find_case(*suite, "run 1")->all("failure").empty());
  ASSERT_NE(find_case(*suite, "run 2"), nullptr);
  EXPECT_TRUE(find_case(*suite, "run 2")->all("failure").empty());
  ASSERT_NE(find_case(*suite, "run 2: recovery.time_to_recover < 5s"), nullptr);
  EXPECT_FALSE(find_case(*suite, "run 1: recovery.time_to_recover < 5s")->all("failure").empty());
  EXPECT_TRUE(find_case(*suite, "run 2: recovery.time_to_recover < 5s")->all("failure").empty());
  EXPECT_EQ(find_case(*suite, "run"), nullptr);
}

TEST(JunitReport, AnInterruptedRunFailsItsFindingsCase) {
  std::vector<result::RunResult> runs{result::RunResult{}};
  runs[0].interrupted = "SIGINT";
  runs[0].reasons.push_back("the run was interrupted by SIGINT after 3s");
  const auto root = test::parse_xml(junit_report({"smoke", false, runs, nullptr}));
  const XmlElement* run = find_case(*suite_of(*root), "run");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->all("failure").at(0)->text, "the run was interrupted by SIGINT after 3s");
}

// Every hostile text round-trips through a strict reader, except the characters XML 1.0 cannot
// carry at all, which become U+FFFD.
TEST(JunitReport, EscapesEveryTextItWrites) {
  const std::string hostile = "a ]]> b <script>alert(\"x\")</script> & 'q' \x01\x1b[31m\x7f\xff end\r\nsecond line";
  const std::string expected = "a ]]> b <script>alert(\"x\")</script> & 'q' \uFFFD\uFFFD[31m\x7f\uFFFD end\r\nsecond line";
  std::vector<result::RunResult> runs{result::RunResult{}};
  runs[0].reasons = {hostile};
  runs[0].expectations.push_back({hostile, "m", "", false, std::nullopt, "", "", hostile});
  const auto root = test::parse_xml(junit_report({hostile, false, runs, nullptr}));
  const XmlElement* suite = suite_of(*root);
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->attributes.at("name"), "faultline." + expected);
  const XmlElement* expectation = suite->all("testcase").at(0);
  EXPECT_EQ(expectation->attributes.at("name"), expected);
  EXPECT_EQ(expectation->all("failure").at(0)->text, expected);
  const XmlElement* run = find_case(*suite, "run");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->all("failure").at(0)->text, expected);
  // The message attribute is the first line only.
  EXPECT_EQ(run->all("failure").at(0)->attributes.at("message"), "a ]]> b <script>alert(\"x\")</script> & 'q' \uFFFD\uFFFD[31m\x7f\uFFFD end\r");
}

TEST(JunitReport, ARunWithNothingToReportIsStillWellFormed) {
  const auto root = test::parse_xml(junit_report({"", true, {}, nullptr}));
  const XmlElement* suite = suite_of(*root);
  ASSERT_NE(suite, nullptr);
  EXPECT_EQ(suite->attributes.at("tests"), "0");
  EXPECT_EQ(suite->attributes.at("time"), "0.000");
}

// xmllint's exit status validating `xml` against tests/data/junit/junit.xsd; what it said in `output`.
int validate_with_xmllint(const std::string& xml, std::string& output) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("faultline-junit-" + std::to_string(::getpid()) + ".xml");
  std::ofstream(file) << xml;
  const std::string command = "xmllint --noout --schema " FAULTLINE_TEST_DATA "/junit/junit.xsd " + file.string() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = ::pclose(pipe);
  std::filesystem::remove(file);
  return status;
}

TEST(JunitReport, ValidatesAgainstTheJunitSchema) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "xmllint is not installed (Debian package libxml2-utils): the schema check needs it";
  }
  std::vector<result::RunResult> runs{sample::failed_run(), sample::failed_run()};
  runs[0].reasons.push_back("a ]]> b <script> & \x01 %");
  result::ComparisonRecord comparison = sample::comparison();
  comparison.too_few_samples_pass = true;
  std::string output;
  EXPECT_EQ(validate_with_xmllint(junit_report({"smoke", false, runs, &comparison}), output), 0) << output;
  // The schema does reject what GitLab or Jenkins could not count.
  output.clear();
  EXPECT_NE(validate_with_xmllint("<testsuites tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\"><testsuite name=\"s\" tests=\"many\" "
                                  "failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"/></testsuites>",
                                  output),
            0)
      << output;
}

}  // namespace
}  // namespace faultline::reports::ci
