// Escaping untrusted text for HTML content, attributes, scripts and links.
#include <gtest/gtest.h>

#include "reports/html/html_escape.h"

namespace faultline::reports::html {
namespace {

TEST(EscapeHtml, EscapesEveryCharacterThatCouldOpenMarkupOrEndAnAttribute) {
  EXPECT_EQ(escape_html("<a href=\"x\" title='y'>&</a>"), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(escape_html("plain text, ümlaut"), "plain text, ümlaut");
  EXPECT_EQ(escape_html(""), "");
}

TEST(JsonForScript, CannotCloseTheScriptElement) {
  const std::string text = json_for_script({{"name", "</script><img src=x onerror=alert(1)>"}});
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find('>'), std::string::npos);
  EXPECT_NE(text.find("\\u003c/script\\u003e"), std::string::npos);
  // It is still the same JSON.
  EXPECT_EQ(nlohmann::json::parse(text)["name"], "</script><img src=x onerror=alert(1)>");
}

TEST(JsonForScript, EscapesLineSeparatorsAndAmpersands) {
  const std::string text = json_for_script({{"s", "a\u2028b\u2029c&d"}});
  EXPECT_NE(text.find("\\u2028"), std::string::npos);
  EXPECT_NE(text.find("\\u2029"), std::string::npos);
  EXPECT_NE(text.find("\\u0026"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(text)["s"], "a\u2028b\u2029c&d");
}

TEST(JsonForScript, ReplacesInvalidUtf8InsteadOfThrowing) {
  const std::string text = json_for_script({{"stderr", std::string("bad \xff byte")}});
  EXPECT_TRUE(nlohmann::json::accept(text));
}

TEST(RelativeHref, KeepsRelativePathsAndDefusesSchemes) {
  EXPECT_EQ(relative_href("smoke/report.html"), "smoke/report.html");
  EXPECT_EQ(relative_href("javascript:alert(1)"), "./javascript:alert(1)");
  EXPECT_EQ(relative_href("https://example.com/x"), "./https://example.com/x");
  EXPECT_EQ(relative_href("//example.com/x"), ".///example.com/x");
  EXPECT_EQ(relative_href("a b/\"x\".html"), "a b/&quot;x&quot;.html");
  EXPECT_EQ(relative_href("dir/time:12.html"), "dir/time:12.html");
}

}  // namespace
}  // namespace faultline::reports::html
