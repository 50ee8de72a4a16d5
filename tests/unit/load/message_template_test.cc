#include "harness/load/message_template.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace faultline::load {
namespace {

std::string rendered(const MessageTemplate& message, std::uint64_t sequence, std::int64_t time_ns) {
  std::string out = "left over";
  message.render(sequence, time_ns, out);
  return out;
}

TEST(MessageTemplate, FillsInSequenceAndTime) {
  const MessageTemplate message("echo {seq} {t}");
  EXPECT_EQ(rendered(message, 17, 1712345678901234567), "echo 17 1712345678901234567");
  EXPECT_EQ(rendered(message, 0, -5), "echo 0 -5");
}

TEST(MessageTemplate, TextWithoutPlaceholdersIsSentAsIs) {
  EXPECT_EQ(rendered(MessageTemplate("ping"), 3, 4), "ping");
  EXPECT_EQ(rendered(MessageTemplate(""), 3, 4), "");
}

TEST(MessageTemplate, BracesNotFollowedByALetterAreLiteral) {
  const MessageTemplate message(R"({"n": {seq}, "x": {}})");
  EXPECT_EQ(rendered(message, 9, 0), R"({"n": 9, "x": {}})");
}

TEST(MessageTemplate, RejectsUnknownOrUnterminatedPlaceholders) {
  EXPECT_THROW(MessageTemplate("echo {rand:5}"), std::invalid_argument);
  EXPECT_THROW(MessageTemplate("echo {seq"), std::invalid_argument);
  EXPECT_THROW(MessageTemplate("{time}"), std::invalid_argument);
}

TEST(MessageTemplate, MatchesExactlyWhatItWouldRender) {
  const MessageTemplate message("echo {seq} {t}");
  EXPECT_TRUE(message.matches("echo 17 99", 17, 99));
  EXPECT_FALSE(message.matches("echo 17 98", 17, 99));
  EXPECT_FALSE(message.matches("echo 1 99", 17, 99));
  EXPECT_FALSE(message.matches("echo 17 99 ", 17, 99));
  EXPECT_FALSE(message.matches("echo 17 9", 17, 99));
  EXPECT_FALSE(message.matches("", 17, 99));
}

TEST(MessageTemplate, RenderedMessagesFitTheAdvertisedSize) {
  const MessageTemplate message("{seq}:{t}:{seq}");
  std::string out;
  out.reserve(message.max_rendered_bytes());
  const auto capacity = out.capacity();
  message.render(UINT64_MAX, INT64_MIN, out);
  EXPECT_EQ(out, std::to_string(UINT64_MAX) + ":" + std::to_string(INT64_MIN) + ":" + std::to_string(UINT64_MAX));
  EXPECT_EQ(out.capacity(), capacity);
}

}  // namespace
}  // namespace faultline::load
