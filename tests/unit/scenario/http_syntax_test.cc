#include "harness/scenario/http_syntax.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using namespace std::string_view_literals;

TEST(HttpSyntax, AcceptsUppercaseMethodsOnly) {
  for (const char* method : {"GET", "PUT", "PATCH", "PURGE"}) EXPECT_TRUE(is_http_method(method));
  for (const char* method : {"", "get", "Get", "GET ", "M-SEARCH", "G3T"}) {
    EXPECT_FALSE(is_http_method(method)) << method;
  }
}

TEST(HttpSyntax, AcceptsTokenCharactersInHeaderNames) {
  EXPECT_TRUE(is_http_token("X-Request-Id"));
  EXPECT_TRUE(is_http_token("!#$%&'*+-.^_`|~09azAZ"));
  for (const char* name : {"", "X Y", "X:Y", "X\"", "Ä", "(x)", "a/b"}) {
    EXPECT_FALSE(is_http_token(name)) << name;
  }
}

TEST(HttpSyntax, RejectsLineBreaksAndControlsInHeaderValues) {
  EXPECT_TRUE(is_http_field_value("text/plain; q=0.9"));
  EXPECT_TRUE(is_http_field_value("tab\tseparated"));
  EXPECT_TRUE(is_http_field_value("caf\xc3\xa9"));
  EXPECT_TRUE(is_http_field_value(""));
  EXPECT_FALSE(is_http_field_value("a\r\nX-Evil: 1"));
  EXPECT_FALSE(is_http_field_value("a\nb"));
  EXPECT_FALSE(is_http_field_value("a\rb"));
  EXPECT_FALSE(is_http_field_value("a\0b"sv));
  EXPECT_FALSE(is_http_field_value("a\x7f"));
}

TEST(HttpSyntax, AcceptsOnlyOriginFormPaths) {
  EXPECT_TRUE(is_http_origin_path("/"));
  EXPECT_TRUE(is_http_origin_path("/kv/{seq}?x=1&y=%20#frag"));
  for (const char* path : {"", "kv", "http://host/", "/a b", "/a\tb", "/caf\xc3\xa9", "/a\r\n"}) {
    EXPECT_FALSE(is_http_origin_path(path)) << path;
  }
}

}  // namespace
}  // namespace faultline::scenario
