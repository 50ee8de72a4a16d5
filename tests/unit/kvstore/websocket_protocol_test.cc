// The WebSocket protocol on strings: what each client message asks for, and the exact text of
// every message the server sends (README.md, "WebSocket").
#include "targets/kvstore/websocket_protocol.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace kvstore {
namespace {

std::string invalid_reason(std::string_view message) {
  const Command command = parse_command(message);
  const auto* invalid = std::get_if<InvalidCommand>(&command);
  return invalid != nullptr ? std::string(invalid->reason) : "(valid)";
}

TEST(WebSocketProtocol, SubTakesOneKey) {
  const Command command = parse_command("sub k1");
  ASSERT_TRUE(std::holds_alternative<SubscribeCommand>(command));
  EXPECT_EQ(std::get<SubscribeCommand>(command).key, "k1");
}

TEST(WebSocketProtocol, SetTakesTheRestAsTheValueSpacesIncluded) {
  const Command command = parse_command("set k a value with spaces");
  ASSERT_TRUE(std::holds_alternative<SetCommand>(command));
  EXPECT_EQ(std::get<SetCommand>(command).key, "k");
  EXPECT_EQ(std::get<SetCommand>(command).value, "a value with spaces");
}

TEST(WebSocketProtocol, SetWithASpaceAndNothingAfterStoresAnEmptyValue) {
  const Command command = parse_command("set k ");
  ASSERT_TRUE(std::holds_alternative<SetCommand>(command));
  EXPECT_EQ(std::get<SetCommand>(command).value, "");
}

TEST(WebSocketProtocol, EchoIsAnsweredWithTheWholeMessage) {
  const Command command = parse_command("echo 12345 t=1.5");
  ASSERT_TRUE(std::holds_alternative<EchoCommand>(command));
  EXPECT_EQ(std::get<EchoCommand>(command).message, "echo 12345 t=1.5");
}

TEST(WebSocketProtocol, MalformedCommandsSayWhatWasExpected) {
  EXPECT_EQ(invalid_reason("sub"), "usage: sub KEY");
  EXPECT_EQ(invalid_reason("sub "), "usage: sub KEY");
  EXPECT_EQ(invalid_reason("sub a b"), "usage: sub KEY");
  EXPECT_EQ(invalid_reason("set k"), "usage: set KEY VALUE");
  EXPECT_EQ(invalid_reason("set  v"), "usage: set KEY VALUE");
}

TEST(WebSocketProtocol, AnythingElseIsAnUnknownCommand) {
  EXPECT_EQ(invalid_reason(""), "unknown command, expected sub, set or echo");
  EXPECT_EQ(invalid_reason("get k"), "unknown command, expected sub, set or echo");
  EXPECT_EQ(invalid_reason("echoes"), "unknown command, expected sub, set or echo");
  EXPECT_EQ(invalid_reason("SUB k"), "unknown command, expected sub, set or echo");
}

TEST(WebSocketProtocol, KeysAreWhatSlashKvSlashKeyCanAddress) {
  EXPECT_TRUE(is_protocol_key("user:42"));
  EXPECT_TRUE(is_protocol_key("a%20b"));
  EXPECT_FALSE(is_protocol_key(""));
  EXPECT_FALSE(is_protocol_key("a/b"));
  EXPECT_FALSE(is_protocol_key("a?b"));
  EXPECT_FALSE(is_protocol_key("a\tb"));
  EXPECT_FALSE(is_protocol_key("a\nb"));
}

TEST(WebSocketProtocol, ServerMessagesAreSpelledAsDocumented) {
  EXPECT_EQ(subscribed_reply("k"), "ok sub k");
  EXPECT_EQ(stored_reply("k"), "ok set k");
  EXPECT_EQ(error_reply("usage: sub KEY"), "err usage: sub KEY");
  EXPECT_EQ(changed_push("k", "new value"), "chg k new value");
  EXPECT_EQ(changed_push("k", ""), "chg k ");
  EXPECT_EQ(deleted_push("k"), "del k");
}

}  // namespace
}  // namespace kvstore
