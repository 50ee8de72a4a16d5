#include "harness/scenario/template_syntax.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using Kind = TemplatePart::Kind;

TemplatePart literal(std::string text) { return {Kind::literal, std::move(text), 0}; }
TemplatePart seq() { return {Kind::seq, {}, 0}; }
TemplatePart rand(std::uint64_t bound) { return {Kind::rand, {}, bound}; }
TemplatePart pad(std::uint64_t bytes) { return {Kind::pad, {}, 0, bytes}; }

TEST(TemplateSyntax, SplitsPlaceholdersFromText) {
  EXPECT_EQ(*parse_request_template("/kv/{seq}"), (std::vector{literal("/kv/"), seq()}));
  EXPECT_EQ(*parse_request_template("{rand:1000}-{seq}x"),
            (std::vector{rand(1000), literal("-"), seq(), literal("x")}));
  EXPECT_EQ(*parse_request_template("plain"), (std::vector{literal("plain")}));
  EXPECT_TRUE(parse_request_template("")->empty());
}

TEST(TemplateSyntax, TreatsBraceNotFollowedByLetterAsText) {
  EXPECT_EQ(*parse_request_template("{\"id\": {seq}, \"v\": {}}"),
            (std::vector{literal("{\"id\": "), seq(), literal(", \"v\": {}}")}));
  EXPECT_EQ(*parse_request_template("{ 1 }{"), (std::vector{literal("{ 1 }{")}));
  EXPECT_EQ(*parse_request_template("}"), (std::vector{literal("}")}));
}

TEST(TemplateSyntax, AcceptsLargestRandBound) {
  EXPECT_EQ(*parse_request_template("{rand:18446744073709551615}"),
            (std::vector{rand(18446744073709551615u)}));
  EXPECT_EQ(*parse_request_template("{rand:007}"), (std::vector{rand(7)}));
}

TEST(TemplateSyntax, RejectsRandBoundBelowOne) {
  EXPECT_EQ(parse_request_template("{rand:0}").error(), "{rand:N} needs N >= 1, got \"{rand:0}\"");
  EXPECT_EQ(parse_request_template("/{rand:-5}").error(), "{rand:N} needs N >= 1, got \"{rand:-5}\"");
}

TEST(TemplateSyntax, RejectsRandBoundOverflow) {
  EXPECT_NE(parse_request_template("{rand:18446744073709551616}").error().find("needs N <= 18446744073709551615"),
            std::string::npos);
}

TEST(TemplateSyntax, RejectsMalformedRand) {
  for (const char* text : {"{rand}", "{rand:}", "{rand:x}", "{rand:1x}", "{rand:1:2}", "{rand:--1}"}) {
    EXPECT_EQ(parse_request_template(text).error().rfind("malformed placeholder \"", 0), 0u) << text;
  }
  EXPECT_EQ(parse_request_template("{rand: 5}").error().rfind("malformed placeholder \"{rand: \"", 0), 0u);
}

TEST(TemplateSyntax, SplitsPaddingFromText) {
  EXPECT_EQ(*parse_request_template("v{seq}-{pad:16384}"), (std::vector{literal("v"), seq(), literal("-"), pad(16384)}));
  EXPECT_EQ(*parse_request_template("{pad:1}{pad:0016777216}"), (std::vector{pad(1), pad(16777216)}));
}

TEST(TemplateSyntax, RejectsPaddingOutsideOneTo16MiB) {
  for (const char* text : {"{pad:0}", "{pad:000}", "{pad:-1}", "{pad:16777217}", "{pad:99999999999999999999999}"}) {
    EXPECT_EQ(parse_request_template(text).error(),
              "{pad:N} needs N from 1 to 16777216 (16 MiB), got \"" + std::string(text) + "\"")
        << text;
  }
}

TEST(TemplateSyntax, RejectsMalformedPadding) {
  for (const char* text : {"{pad}", "{pad:}", "{pad:x}", "{pad:1k}", "{pad:1:2}", "{pad:--1}"}) {
    EXPECT_EQ(parse_request_template(text).error().rfind("malformed placeholder \"", 0), 0u) << text;
  }
  EXPECT_EQ(parse_request_template("{pad:5").error().rfind("unterminated placeholder \"{pad:5\"", 0), 0u);
}

TEST(TemplateSyntax, RejectsUnknownPlaceholderWithSuggestion) {
  EXPECT_EQ(parse_request_template("/kv/{sq}").error(),
            "unknown placeholder \"{sq}\"; the placeholders are {seq}, {rand:N} with N >= 1 and {pad:N} "
            "with N from 1 to 16777216; did you mean \"{seq}\"?");
  EXPECT_NE(parse_request_template("{rnd:5}").error().find("did you mean \"{rand:N}\"?"), std::string::npos);
  EXPECT_NE(parse_request_template("{pda:5}").error().find("did you mean \"{pad:N}\"?"), std::string::npos);
  EXPECT_EQ(parse_request_template("{user}").error().find("did you mean"), std::string::npos);
}

TEST(TemplateSyntax, RejectsUnterminatedPlaceholder) {
  EXPECT_EQ(parse_request_template("/kv/{seq").error().rfind("unterminated placeholder \"{seq\"", 0), 0u);
  EXPECT_EQ(parse_request_template("/kv/{seq/x}").error().rfind("malformed placeholder \"{seq/\"", 0), 0u);
}

TEST(TemplateSyntax, AMessageHoldsSequenceAndTimeOnly) {
  const auto parts = parse_message_template(R"({"n": {seq}, "at": {t}})");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 5u);
  EXPECT_EQ((*parts)[0].text, R"({"n": )");
  EXPECT_EQ((*parts)[1].kind, TemplatePart::Kind::seq);
  EXPECT_EQ((*parts)[3].kind, TemplatePart::Kind::time);
  EXPECT_EQ((*parts)[4].text, "}");
  EXPECT_EQ(parse_message_template("echo {rand:5}").error(),
            "unknown placeholder \"{rand:5}\"; a message's placeholders are {seq}, its sequence number, and {t}, "
            "its send time in Unix nanoseconds");
  EXPECT_NE(parse_message_template("{sq}").error().find("did you mean \"{seq}\"?"), std::string::npos);
  EXPECT_EQ(parse_message_template("echo {seq").error().rfind("unterminated placeholder \"{seq\"", 0), 0u);
  EXPECT_FALSE(parse_request_template("{t}"));  // a request has no send time of its own
}

TEST(TemplateSyntax, ListsVariableReferences) {
  EXPECT_EQ(*variable_references("${FAULTLINE_TARGETS}/kv --port=${port}"),
            (std::vector<std::string>{"FAULTLINE_TARGETS", "port"}));
  EXPECT_TRUE(variable_references("$HOME costs $5 {seq}")->empty());
  EXPECT_EQ(*variable_references("${_x1}"), (std::vector<std::string>{"_x1"}));
}

TEST(TemplateSyntax, RejectsUnterminatedVariableReference) {
  EXPECT_EQ(variable_references("${port").error(),
            "unterminated \"${\" in \"${port\" (a reference looks like ${NAME})");
}

TEST(TemplateSyntax, RejectsInvalidVariableName) {
  EXPECT_EQ(variable_references("${1x}").error(),
            "invalid variable name \"1x\" in \"${1x}\" (a name matches [A-Za-z_][A-Za-z0-9_]*)");
  EXPECT_FALSE(variable_references("${}").has_value());
  EXPECT_FALSE(variable_references("${a-b}").has_value());
  EXPECT_FALSE(variable_references("${a ${b}}").has_value());
}

}  // namespace
}  // namespace faultline::scenario
