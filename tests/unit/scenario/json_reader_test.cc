#include "harness/scenario/json_reader.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

std::vector<std::string> lines(const IssueCollector& issues) {
  std::vector<std::string> result;
  for (const ValidationIssue& issue : issues.issues()) result.push_back(issue.to_string());
  return result;
}

TEST(JsonReader, ReportsUnknownKeysWithSuggestion) {
  IssueCollector issues("f.json");
  const json value = {{"timeot", "1s"}, {"zzz", 1}};
  ObjectReader reader(&value, "/x", issues, {"timeout", "name"});
  EXPECT_EQ(lines(issues), (std::vector<std::string>{
                               "f.json: /x/timeot: unknown field; did you mean \"timeout\"?",
                               "f.json: /x/zzz: unknown field"}));
}

TEST(JsonReader, ReportsMisplacedKeyWithItsHint) {
  IssueCollector issues("f.json");
  const json value = {{"rate", 1}};
  ObjectReader reader(&value, "", issues, {"name"}, {{"rate", "put it elsewhere"}});
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /rate: unknown field; put it elsewhere"}));
}

TEST(JsonReader, ReportsNonObjectOnceAndStaysQuiet) {
  IssueCollector issues("f.json");
  const json value = json::array({1, 2});
  ObjectReader reader(&value, "/target", issues, {"name"});
  EXPECT_FALSE(reader.usable());
  EXPECT_EQ(reader.string("name", Presence::required), std::nullopt);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /target: expected an object, got [1,2]"}));
}

TEST(JsonReader, AbsentOptionalObjectReportsNothing) {
  IssueCollector issues("f.json");
  const json value = json::object();
  const ObjectReader root(&value, "", issues, {"phases"});
  const ObjectReader phases = root.object("phases", Presence::optional, {"warmup"});
  EXPECT_FALSE(phases.usable());
  EXPECT_EQ(phases.duration("warmup", Presence::required, ZeroDuration::allowed), std::nullopt);
  EXPECT_TRUE(issues.empty());
}

TEST(JsonReader, ReportsMissingRequiredFieldAtItsPath) {
  IssueCollector issues("f.json");
  const json value = json::object();
  const ObjectReader root(&value, "/load/0", issues, {"name"});
  EXPECT_EQ(root.string("name", Presence::required), std::nullopt);
  EXPECT_EQ(root.string("other", Presence::optional), std::nullopt);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /load/0/name: missing required field"}));
}

TEST(JsonReader, ReportsWrongTypesShowingTheValue) {
  IssueCollector issues("f.json");
  const json value = {{"s", 5}, {"b", "yes"}, {"i", 1.5}, {"d", 250}, {"a", {{"k", 1}}}, {"m", "x"}};
  const ObjectReader reader(&value, "", issues, {"s", "b", "i", "d", "a", "m"});
  EXPECT_EQ(reader.string("s", Presence::optional), std::nullopt);
  EXPECT_EQ(reader.boolean("b", Presence::optional), std::nullopt);
  EXPECT_EQ(reader.integer("i", Presence::optional, 1, 10), std::nullopt);
  EXPECT_EQ(reader.duration("d", Presence::optional, ZeroDuration::allowed), std::nullopt);
  EXPECT_EQ(reader.non_empty_array("a", Presence::optional), std::nullopt);
  EXPECT_EQ(reader.string_map("m", Presence::optional), std::nullopt);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{
                               "f.json: /s: expected a string, got 5",
                               "f.json: /b: expected true or false, got \"yes\"",
                               "f.json: /i: expected an integer >= 1, got 1.5",
                               "f.json: /d: expected a duration like \"250ms\", got 250",
                               "f.json: /a: expected a non-empty array, got {\"k\":1}",
                               "f.json: /m: expected an object of strings, got \"x\"",
                           }));
}

TEST(JsonReader, ChecksIntegerBounds) {
  IssueCollector issues("f.json");
  const json value = {{"low", 0}, {"high", 70000}, {"huge", 18446744073709551615u}, {"ok", 7}};
  const ObjectReader reader(&value, "", issues, {"low", "high", "huge", "ok"});
  EXPECT_EQ(reader.integer("low", Presence::optional, 1, 65535), std::nullopt);
  EXPECT_EQ(reader.integer("high", Presence::optional, 1, 65535), std::nullopt);
  EXPECT_EQ(reader.integer("huge", Presence::optional, 1, 65535), std::nullopt);
  EXPECT_EQ(reader.integer("ok", Presence::optional, 1, 65535), 7);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{
                               "f.json: /low: expected an integer >= 1, got 0",
                               "f.json: /high: expected an integer <= 65535, got 70000",
                               "f.json: /huge: expected an integer <= 65535, got 18446744073709551615",
                           }));
}

TEST(JsonReader, RejectsZeroDurationOnlyWhenAsked) {
  IssueCollector issues("f.json");
  const json value = {{"d", "0s"}, {"ok", "250ms"}};
  const ObjectReader reader(&value, "", issues, {"d", "ok"});
  EXPECT_EQ(reader.duration("d", Presence::optional, ZeroDuration::allowed), Duration::zero());
  EXPECT_EQ(reader.duration("d", Presence::optional, ZeroDuration::rejected), std::nullopt);
  EXPECT_EQ(reader.duration("ok", Presence::optional, ZeroDuration::rejected), milliseconds(250));
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /d: expected a duration > 0, got \"0s\""}));
}

TEST(JsonReader, ReportsEnumValueWithAllowedListAndSuggestion) {
  IssueCollector issues("f.json");
  const json value = {{"model", "opne"}, {"kind", 3}};
  const ObjectReader reader(&value, "/load/0", issues, {"model", "kind"});
  EXPECT_EQ(reader.one_of("model", Presence::required, {"closed", "open"}), std::nullopt);
  EXPECT_EQ(reader.one_of("kind", Presence::required, {"http"}), std::nullopt);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{
                               "f.json: /load/0/model: expected one of \"closed\", \"open\", got \"opne\"; "
                               "did you mean \"open\"?",
                               "f.json: /load/0/kind: expected one of \"http\", got 3",
                           }));
}

TEST(JsonReader, ListsArrayElementsWithTheirPaths) {
  IssueCollector issues("f.json");
  const json value = {{"items", {10, 20}}, {"none", json::array()}};
  const ObjectReader reader(&value, "/x", issues, {"items", "none"});
  const auto items = reader.non_empty_array("items", Presence::required);
  ASSERT_TRUE(items.has_value());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[1].path, "/x/items/1");
  EXPECT_EQ(*(*items)[1].value, 20);
  EXPECT_EQ(reader.non_empty_array("none", Presence::required), std::nullopt);
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /x/none: expected a non-empty array, got []"}));
}

TEST(JsonReader, ReadsStringMapReportingNonStringMembers) {
  IssueCollector issues("f.json");
  const json value = {{"env", {{"B", "2"}, {"A", "1"}, {"C", 3}}}};
  const ObjectReader reader(&value, "", issues, {"env"});
  const auto members = reader.string_map("env", Presence::optional);
  ASSERT_TRUE(members.has_value());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].name, "A");
  EXPECT_EQ((*members)[0].value, "1");
  EXPECT_EQ((*members)[0].path, "/env/A");
  EXPECT_EQ(lines(issues), (std::vector<std::string>{"f.json: /env/C: expected a string, got 3"}));
}

TEST(JsonReader, ShortensLongValuesInMessages) {
  const std::string described = describe_json_value(json(std::string(200, 'x')));
  EXPECT_EQ(described.size(), 60u);
  EXPECT_EQ(described.substr(57), "...");
}

TEST(JsonReader, ShortensWithoutSplittingUtf8Characters) {
  // "é" is two bytes; 28 of them put a character boundary one byte off the cut point.
  std::string text = "x";
  for (int i = 0; i < 40; ++i) text += "\xc3\xa9";
  const std::string described = describe_json_value(json(text));
  EXPECT_EQ(described.substr(described.size() - 3), "...");
  EXPECT_NE(static_cast<unsigned char>(described[described.size() - 4]), 0xc3);
}

}  // namespace
}  // namespace faultline::scenario
