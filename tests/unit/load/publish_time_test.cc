#include "harness/load/publish_time.h"

#include <gtest/gtest.h>

#include <chrono>

namespace faultline::load {
namespace {

TEST(PublishTime, ATrailingIntegerFieldIsThePublishTime) {
  EXPECT_EQ(trailing_time_ns("chg k1 1700000000123456789"), 1700000000123456789);
  EXPECT_EQ(trailing_time_ns("42"), 42);
  EXPECT_FALSE(trailing_time_ns("chg k1 no-time"));
  EXPECT_FALSE(trailing_time_ns("chg k1 12x"));
  EXPECT_FALSE(trailing_time_ns("chg k1 "));
}

TEST(PublishTime, GodashsEventCarriesItsTimeAtTheTopLevel) {
  const std::string event =
      R"({"id":7,"kind":"widget","published_unix_nano":1795791293052014573,"payload":{"published_unix_nano":1}})";
  EXPECT_EQ(json_time_ns(event, "published_unix_nano"), 1795791293052014573);
  EXPECT_EQ(json_time_ns(event, "id"), 7);
}

TEST(PublishTime, OnlyATopLevelIntegerMemberCounts) {
  const std::string_view key = "t";
  EXPECT_FALSE(json_time_ns(R"({"payload":{"t":5}})", key));  // nested
  EXPECT_FALSE(json_time_ns(R"({"list":[{"t":5}]})", key));
  EXPECT_EQ(json_time_ns(R"({"payload":{"t":5},"t":6})", key), 6);
  EXPECT_EQ(json_time_ns(R"({"t":-6})", key), -6);
  EXPECT_FALSE(json_time_ns(R"({"t":"6"})", key));
  EXPECT_FALSE(json_time_ns(R"({"t":6.5})", key));
  EXPECT_FALSE(json_time_ns(R"({"t":null})", key));
  EXPECT_FALSE(json_time_ns(R"({"t":{"t":6}})", key));
  EXPECT_FALSE(json_time_ns(R"({"t":18446744073709551615})", key));  // beyond int64
  EXPECT_FALSE(json_time_ns(R"([{"t":6}])", key));                   // not an object
  EXPECT_FALSE(json_time_ns("6", key));
  EXPECT_FALSE(json_time_ns("", key));
}

TEST(PublishTime, ParsingStopsAtTheMember) {
  // What follows the member is not read, so it may be anything.
  EXPECT_EQ(json_time_ns(R"({"t":6, not json at all)", "t"), 6);
  EXPECT_FALSE(json_time_ns(R"({"a": not json, "t":6})", "t"));
}

TEST(PublishTime, DeliveryLatencyRunsFromThePublishTimeToNow) {
  const std::int64_t published = unix_time_ns() - std::chrono::nanoseconds(std::chrono::seconds(2)).count();
  const std::chrono::nanoseconds latency = delivery_latency(published);
  EXPECT_GE(latency, std::chrono::seconds(2));
  EXPECT_LT(latency, std::chrono::seconds(60));
}

}  // namespace
}  // namespace faultline::load
