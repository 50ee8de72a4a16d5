#include "harness/load/message_template.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include "harness/scenario/template_syntax.h"

namespace faultline::load {

namespace {

template <class Integer, std::size_t N>
std::string_view format(Integer value, std::array<char, N>& buffer) {
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())};
}

}  // namespace

MessageTemplate::MessageTemplate(std::string_view text) {
  const auto parts = scenario::parse_message_template(text);
  if (!parts) throw std::invalid_argument(parts.error());
  for (const scenario::TemplatePart& part : *parts) {
    switch (part.kind) {
      case scenario::TemplatePart::Kind::literal:
        pieces_.push_back(Piece{Piece::Kind::literal, literals_.size(), part.text.size()});
        literals_ += part.text;
        max_rendered_bytes_ += part.text.size();
        continue;
      case scenario::TemplatePart::Kind::seq: pieces_.push_back(Piece{Piece::Kind::sequence}); break;
      case scenario::TemplatePart::Kind::time: pieces_.push_back(Piece{Piece::Kind::time}); break;
      case scenario::TemplatePart::Kind::rand:
      case scenario::TemplatePart::Kind::pad:
        throw std::logic_error("parse_message_template() made a request placeholder");
    }
    max_rendered_bytes_ += kMaxNumberChars;
  }
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
