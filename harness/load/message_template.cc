#include "harness/load/message_template.h"

#include <array>
#include <charconv>
#include <stdexcept>

namespace faultline::load {

namespace {

template <class Integer, std::size_t N>
std::string_view format(Integer value, std::array<char, N>& buffer) {
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())};
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

MessageTemplate::MessageTemplate(std::string_view text) {
  std::size_t literal_start = 0;
  const auto end_literal = [&](std::size_t end) {
    if (end == literal_start) return;
    pieces_.push_back(Piece{Piece::Kind::literal, literals_.size(), end - literal_start});
    literals_.append(text.substr(literal_start, end - literal_start));
    max_rendered_bytes_ += end - literal_start;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{' || i + 1 >= text.size() || !is_letter(text[i + 1])) continue;
    const std::size_t close = text.find('}', i);
    const std::string_view placeholder =
        close == std::string_view::npos ? text.substr(i) : text.substr(i, close - i + 1);
    Piece::Kind kind;
    if (placeholder == "{seq}") {
      kind = Piece::Kind::sequence;
    } else if (placeholder == "{t}") {
      kind = Piece::Kind::time;
    } else {
      throw std::invalid_argument("unknown placeholder \"" + std::string(placeholder) +
                                  "\" in a message; the placeholders are {seq} and {t}");
    }
    end_literal(i);
    pieces_.push_back(Piece{kind});
    max_rendered_bytes_ += kMaxNumberChars;
    i = close;
    literal_start = close + 1;
  }
  end_literal(text.size());
}

std::string_view MessageTemplate::text_of(const Piece& piece, std::uint64_t sequence, std::int64_t unix_time_ns,
                                          NumberText& number) const {
  switch (piece.kind) {
    case Piece::Kind::literal:
      return std::string_view(literals_).substr(piece.offset, piece.length);
    case Piece::Kind::sequence:
      return format(sequence, number);
    case Piece::Kind::time:
      return format(unix_time_ns, number);
  }
  return {};
}

void MessageTemplate::render(std::uint64_t sequence, std::int64_t unix_time_ns, std::string& out) const {
  out.clear();
  NumberText number;
  for (const Piece& piece : pieces_) out.append(text_of(piece, sequence, unix_time_ns, number));
}

bool MessageTemplate::matches(std::string_view text, std::uint64_t sequence, std::int64_t unix_time_ns) const {
  NumberText number;
  for (const Piece& piece : pieces_) {
    const std::string_view expected = text_of(piece, sequence, unix_time_ns, number);
    if (!text.starts_with(expected)) return false;
    text.remove_prefix(expected.size());
  }
  return text.empty();
}

}  // namespace faultline::load
