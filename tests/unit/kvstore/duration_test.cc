#include "targets/kvstore/duration.h"

#include <gtest/gtest.h>

namespace kvstore {
namespace {

using std::chrono::microseconds;

TEST(Duration, ParsesEachUnit) {
  EXPECT_EQ(parse_duration("250us"), microseconds{250});
  EXPECT_EQ(parse_duration("5ms"), microseconds{5000});
  EXPECT_EQ(parse_duration("2s"), microseconds{2'000'000});
  EXPECT_EQ(parse_duration("0ms"), microseconds{0});
}

TEST(Duration, AcceptsABareZeroOnly) {
  EXPECT_EQ(parse_duration("0"), microseconds{0});
  EXPECT_EQ(parse_duration("5"), std::nullopt);
}

TEST(Duration, RefusesMalformedText) {
  for (const char* text : {"", "ms", "-5ms", "+5ms", "1.5ms", "5 ms", "5m", "5h", "5msx", "x5ms"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << text;
  }
}

TEST(Duration, RefusesOverflowInsteadOfWrapping) {
  EXPECT_EQ(parse_duration("9223372036854775807s"), std::nullopt);
  EXPECT_EQ(parse_duration("99999999999999999999us"), std::nullopt);
}

}  // namespace
}  // namespace kvstore
