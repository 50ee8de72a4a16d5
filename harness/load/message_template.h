// The text message a WebSocket client sends, compiled once at set-up: {seq} becomes the
// message's sequence number and {t} its send time in Unix nanoseconds (so that whatever the
// target forwards or stores carries its origin time). Against an echo service the reply is the
// message itself, which matches() recognises without rendering it again.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::load {

class MessageTemplate {
 public:
  // The syntax of scenario::parse_message_template(): a '{' followed by a letter starts a
  // placeholder, which must be {seq} or {t}; anything else ("{rand:5}", "{seq" without its
  // brace) throws std::invalid_argument with the parser's message. Other braces are literal
  // text ("{}" or JSON such as {"n": 1}).
  explicit MessageTemplate(std::string_view text);

  // Writes the message into `out` (cleared first); no allocation once `out` has a capacity of
  // max_rendered_bytes().
  void render(std::uint64_t sequence, std::int64_t unix_time_ns, std::string& out) const;

  // `text` is exactly what render(sequence, unix_time_ns, ...) would write.
  bool matches(std::string_view text, std::uint64_t sequence, std::int64_t unix_time_ns) const;

  std::size_t max_rendered_bytes() const { return max_rendered_bytes_; }

 private:
  // Enough for any 64-bit integer in decimal, sign included.
  static constexpr std::size_t kMaxNumberChars = 20;
  using NumberText = std::array<char, kMaxNumberChars>;
  struct Piece {
    enum class Kind : std::uint8_t { literal, sequence, time };
    Kind kind;
    std::size_t offset = 0;  // literal: its bytes in literals_
    std::size_t length = 0;
  };

  // The text a piece stands for; a number is formatted into `number`.
  std::string_view text_of(const Piece& piece, std::uint64_t sequence, std::int64_t unix_time_ns,
                           NumberText& number) const;

  std::string literals_;
  std::vector<Piece> pieces_;
  std::size_t max_rendered_bytes_ = 0;
};

}  // namespace faultline::load
