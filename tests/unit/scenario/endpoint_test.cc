#include "harness/scenario/endpoint.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(Endpoint, ParsesHostAndPort) {
  EXPECT_EQ(*parse_endpoint("127.0.0.1:8080"), (Endpoint{"127.0.0.1", 8080}));
  EXPECT_EQ(*parse_endpoint("localhost:1"), (Endpoint{"localhost", 1}));
  EXPECT_EQ(*parse_endpoint("kv-store_1.internal:65535"), (Endpoint{"kv-store_1.internal", 65535}));
}

TEST(Endpoint, ParsesBracketedIpv6AndStoresItWithoutBrackets) {
  EXPECT_EQ(*parse_endpoint("[::1]:8080"), (Endpoint{"::1", 8080}));
  EXPECT_EQ(*parse_endpoint("[fe80::1%eth0]:80"), (Endpoint{"fe80::1%eth0", 80}));
  EXPECT_EQ(*parse_endpoint("[::ffff:127.0.0.1]:80"), (Endpoint{"::ffff:127.0.0.1", 80}));
}

TEST(Endpoint, RejectsPortOutOfRange) {
  EXPECT_EQ(parse_endpoint("127.0.0.1:0").error(),
            "expected an address like \"127.0.0.1:8080\" or \"[::1]:8080\", got \"127.0.0.1:0\" "
            "(port 0 is out of range 1-65535)");
  EXPECT_NE(parse_endpoint("127.0.0.1:65536").error().find("port 65536 is out of range"),
            std::string::npos);
}

TEST(Endpoint, RejectsMalformedAddresses) {
  EXPECT_NE(parse_endpoint("127.0.0.1").error().find("(no port)"), std::string::npos);
  EXPECT_NE(parse_endpoint("::1:80").error().find("(put an IPv6 address in brackets)"),
            std::string::npos);
  for (const char* text : {"", ":80", "host:", "host:http", "host:-1", "host:+80", "ho st:80",
                           "[::1]80", "[]:80", "[127.0.0.1]:80", "[::g]:80", "host:1234567890",
                           "http://host:80"}) {
    EXPECT_FALSE(parse_endpoint(text).has_value()) << text;
  }
}

TEST(Endpoint, FormatsBackToParsableText) {
  for (const char* text : {"127.0.0.1:8080", "[::1]:8080", "localhost:1"}) {
    EXPECT_EQ(format_endpoint(*parse_endpoint(text)), text);
  }
}

}  // namespace
}  // namespace faultline::scenario
