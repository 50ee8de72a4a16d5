#include "harness/scenario/json_document.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(JsonDocument, AcceptsLineAndBlockComments) {
  IssueCollector issues("c.json");
  const auto document = read_json_document("// leading\n{ /* inline */ \"a\": 1 // trailing\n}", issues);
  ASSERT_TRUE(document.has_value());
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ((*document)["a"], 1);
}

TEST(JsonDocument, ReportsSyntaxErrorWithLineAndColumn) {
  IssueCollector issues("bad.json");
  EXPECT_FALSE(read_json_document("{\n  \"a\": 1,\n  \"b\" 2\n}", issues).has_value());
  ASSERT_EQ(issues.issues().size(), 1u);
  const ValidationIssue& issue = issues.issues()[0];
  EXPECT_EQ(issue.file, "bad.json");
  EXPECT_EQ(issue.path, "");
  EXPECT_EQ(issue.line, 3);
  EXPECT_EQ(issue.column, 7);
  EXPECT_EQ(issue.message.rfind("invalid JSON: syntax error while parsing object separator", 0), 0u)
      << issue.message;
  EXPECT_EQ(issue.to_string().rfind("bad.json:3:7: invalid JSON: ", 0), 0u) << issue.to_string();
}

TEST(JsonDocument, ReportsUnexpectedEndOfInputOnLastLine) {
  IssueCollector issues("cut.json");
  EXPECT_FALSE(read_json_document("{\n  \"a\": [1, 2", issues).has_value());
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 2);
  EXPECT_NE(issues.issues()[0].message.find("unexpected end of input"), std::string::npos);
}

TEST(JsonDocument, ReportsEmptyTextAsSyntaxError) {
  IssueCollector issues("empty.json");
  EXPECT_FALSE(read_json_document("", issues).has_value());
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 1);
  EXPECT_EQ(issues.issues()[0].column, 1);
}

TEST(JsonDocument, ReportsNumberTooLargeForDoubleAsInvalidJson) {
  IssueCollector issues("big.json");
  EXPECT_FALSE(read_json_document(R"({"rate": 1e999})", issues).has_value());
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].to_string(), "big.json: invalid JSON: number overflow parsing '1e999'");
}

TEST(JsonDocument, ReportsDuplicateKeysAtTheirPathAndStillReturnsTheDocument) {
  IssueCollector issues("dup.json");
  const auto document = read_json_document(
      R"({"x": 1, "load": [ {"a": 1}, [0, {"b": 1, "b": 2}], {"c": {"d": 1, "d": 2}} ], "x": 2})",
      issues);
  ASSERT_TRUE(document.has_value());
  std::vector<std::string> paths;
  for (const ValidationIssue& issue : issues.issues()) {
    EXPECT_EQ(issue.message, "duplicate key; only one value may be given");
    paths.push_back(issue.path);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"/load/1/1/b", "/load/2/c/d", "/x"}));
}

TEST(JsonDocument, EscapesSlashInDuplicateKeyPath) {
  IssueCollector issues("dup.json");
  ASSERT_TRUE(read_json_document(R"({"h": {"a/b": "1", "a/b": "2"}})", issues).has_value());
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].path, "/h/a~1b");
}

}  // namespace
}  // namespace faultline::scenario
