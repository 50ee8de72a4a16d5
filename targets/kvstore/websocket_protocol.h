// kvstore's WebSocket protocol (README.md, "WebSocket"): what a client may send, parsed, and every
// message the server sends, spelled out in one place. One message per frame, no newline at the
// end; no I/O here, so it is tested on strings.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace kvstore {

// `sub KEY`: push every later change of KEY.
struct SubscribeCommand {
  std::string_view key;
};
// `set KEY VALUE`: store VALUE (the rest of the message, spaces included) under KEY, like PUT.
struct SetCommand {
  std::string_view key;
  std::string_view value;
};
// `echo ANYTHING`: answered with the message itself, at once.
struct EchoCommand {
  std::string_view message;
};
// Anything else: answered with `err REASON`; the connection stays open.
struct InvalidCommand {
  std::string_view reason;
};

using Command = std::variant<SubscribeCommand, SetCommand, EchoCommand, InvalidCommand>;

// The command `message` asks for. The views point into `message`.
Command parse_command(std::string_view message);

// True when `key` is a key the HTTP API can address as /kv/KEY and the protocol can carry: not
// empty, and no space, control character, '/' or '?'.
bool is_protocol_key(std::string_view key);

std::string subscribed_reply(std::string_view key);  // "ok sub KEY"
std::string stored_reply(std::string_view key);      // "ok set KEY"
std::string error_reply(std::string_view reason);    // "err REASON"
std::string changed_push(std::string_view key, std::string_view value);  // "chg KEY VALUE"
std::string deleted_push(std::string_view key);                          // "del KEY"

}  // namespace kvstore
