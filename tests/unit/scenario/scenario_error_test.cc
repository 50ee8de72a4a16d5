#include "harness/scenario/scenario_error.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(ScenarioError, FormatsIssueWithFileAndPath) {
  EXPECT_EQ((ValidationIssue{"smoke.json", "/load/0/rate", "bad"}).to_string(), "smoke.json: /load/0/rate: bad");
  EXPECT_EQ((ValidationIssue{"smoke.json", "", "bad"}).to_string(), "smoke.json: bad");
  EXPECT_EQ((ValidationIssue{"smoke.json", "", "bad", 3, 14}).to_string(), "smoke.json:3:14: bad");
}

TEST(ScenarioError, ListsEveryIssueOnItsOwnLine) {
  IssueCollector issues("s.json");
  issues.add("/a", "first");
  issues.add("/b", "second");
  try {
    issues.throw_if_any();
    FAIL() << "no ScenarioError thrown";
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(), "s.json: /a: first\ns.json: /b: second");
    ASSERT_EQ(error.issues().size(), 2u);
    EXPECT_EQ(error.issues()[1], (ValidationIssue{"s.json", "/b", "second"}));
  }
}

TEST(ScenarioError, ThrowsNothingWhenNoIssueWasFound) {
  IssueCollector issues("s.json");
  EXPECT_NO_THROW(issues.throw_if_any());
}

TEST(ScenarioError, IsARuntimeError) {
  const ScenarioError error({ValidationIssue{"s.json", "", "x"}});
  const std::runtime_error& base = error;
  EXPECT_STREQ(base.what(), "s.json: x");
}

}  // namespace
}  // namespace faultline::scenario
