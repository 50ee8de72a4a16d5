#include "targets/kvstore/websocket_protocol.h"

#include <algorithm>

namespace kvstore {
namespace {

// A text split at its first space. has_tail says whether there was a space at all: "set k" has
// no value, "set k " has an empty one.
struct Split {
  std::string_view head;
  std::string_view tail;
  bool has_tail = false;
};

Split split_at_space(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return Split{text, {}, false};
  return Split{text.substr(0, space), text.substr(space + 1), true};
}

std::string join(std::string_view first, std::string_view second) {
  std::string joined;
  joined.reserve(first.size() + 1 + second.size());
  joined.append(first).append(" ").append(second);
  return joined;
}

}  // namespace

Command parse_command(std::string_view message) {
  const Split verb = split_at_space(message);
  if (verb.head == "echo") return EchoCommand{message};
  if (verb.head == "sub") {
    if (!is_protocol_key(verb.tail)) return InvalidCommand{"usage: sub KEY"};
    return SubscribeCommand{verb.tail};
  }
  if (verb.head == "set") {
    const Split key_value = split_at_space(verb.tail);
    if (!key_value.has_tail || !is_protocol_key(key_value.head)) {
      return InvalidCommand{"usage: set KEY VALUE"};
    }
    return SetCommand{key_value.head, key_value.tail};
  }
  return InvalidCommand{"unknown command, expected sub, set or echo"};
}

bool is_protocol_key(std::string_view key) {
  return !key.empty() && std::ranges::none_of(key, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || c == '/' || c == '?';
  });
}

std::string subscribed_reply(std::string_view key) { return join("ok sub", key); }

std::string stored_reply(std::string_view key) { return join("ok set", key); }

std::string error_reply(std::string_view reason) { return join("err", reason); }

std::string changed_push(std::string_view key, std::string_view value) {
  return join(join("chg", key), value);
}

std::string deleted_push(std::string_view key) { return join("del", key); }

}  // namespace kvstore
