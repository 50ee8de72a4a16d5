#include "harness/scenario/identifiers.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(Identifiers, AcceptsLettersDigitsDotUnderscoreDash) {
  EXPECT_TRUE(is_identifier("kv-thread_leak.v2"));
  EXPECT_TRUE(is_identifier("0"));
  for (const char* name : {"", "a b", "a/b", "a:b", "é"}) EXPECT_FALSE(is_identifier(name)) << name;
}

TEST(Identifiers, AcceptsEnvironmentVariableNames) {
  EXPECT_TRUE(is_variable_name("FAULTLINE_TARGETS"));
  EXPECT_TRUE(is_variable_name("_x9"));
  EXPECT_TRUE(is_variable_name("port"));
  for (const char* name : {"", "9x", "a-b", "a.b", "a b"}) EXPECT_FALSE(is_variable_name(name)) << name;
}

TEST(Identifiers, MetricNamesFollowPrometheus) {
  for (const char* name : {"go_goroutines", "http:requests_total", "_x", "A9"}) EXPECT_TRUE(is_metric_name(name)) << name;
  for (const char* name : {"", "9x", "a-b", "a.b", "a b"}) EXPECT_FALSE(is_metric_name(name)) << name;
}

}  // namespace
}  // namespace faultline::scenario
