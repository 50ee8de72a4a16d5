#include "harness/load/request_template.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "harness/scenario/template_syntax.h"

namespace faultline::load {

namespace {

constexpr std::size_t kMaxDecimalDigits = 20;  // of a uint64_t

std::size_t decimal_digits(std::uint64_t value) {
  std::size_t digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

void append_decimal(std::string& out, std::uint64_t value) {
  char digits[kMaxDecimalDigits];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

bool is_token(std::string_view text) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

bool has_control_or_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= ' ' || byte == 0x7f;
  });
}

// A field value may hold spaces and tabs but no other control characters (CR and LF would
// end the header early).
bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < ' ' && c != '\t') || byte == 0x7f;
  });
}

bool same_name(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

[[noreturn]] void reject(const std::string& what) { throw std::invalid_argument(what); }

using Part = scenario::TemplatePart;

// Template text split into literal text and placeholders by the scenario's own parser, so the
// two never disagree; a text it rejects throws std::invalid_argument with its message.
std::vector<Part> parts_of(std::string_view text) {
  auto parts = scenario::parse_request_template(text);
  if (!parts) reject(parts.error());
  return std::move(*parts);
}

bool has_per_request_value(const std::vector<Part>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [](const Part& part) { return part.kind == Part::Kind::seq || part.kind == Part::Kind::rand; });
}

// The bytes of tokens without per-request values.
std::size_t fixed_size(const std::vector<Part>& parts) {
  std::size_t bytes = 0;
  for (const Part& part : parts) bytes += part.kind == Part::Kind::literal ? part.text.size() : part.pad_bytes;
  return bytes;
}

}  // namespace

CompiledRequest::CompiledRequest(const scenario::RequestTemplate& request, std::string_view host,
                                 Headers common_headers)
    : head_(request.method == "HEAD") {
  if (!is_token(request.method)) reject("request method \"" + request.method + "\" is not an HTTP token");
  if (request.path.empty() || has_control_or_space(request.path)) {
    reject("request path \"" + request.path + "\" is empty or holds whitespace or control characters");
  }
  const auto check_header = [](const std::pair<std::string, std::string>& header) {
    if (!is_token(header.first) || !is_field_value(header.second)) {
      reject("header \"" + header.first + "\" is not a valid HTTP header field");
    }
    if (same_name(header.first, "Content-Length") || same_name(header.first, "Transfer-Encoding")) {
      reject("header \"" + header.first + "\" is set by faultline from the body and cannot be given");
    }
  };
  const auto overridden_by = [](Headers headers, std::string_view name) {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& header) { return same_name(header.first, name); });
  };
  const Headers own_headers = request.headers;
  for (const auto& header : common_headers) check_header(header);
  for (const auto& header : own_headers) check_header(header);

  append_literal(request.method, head_pieces_);
  append_literal(" ", head_pieces_);
  append_text(request.path, head_pieces_);
  append_literal(" HTTP/1.1\r\n", head_pieces_);
  if (!overridden_by(common_headers, "Host") && !overridden_by(own_headers, "Host")) {
    append_literal("Host: ", head_pieces_);
    append_literal(host, head_pieces_);
    append_literal("\r\n", head_pieces_);
  }
  const auto append_header = [&](const std::pair<std::string, std::string>& header) {
    append_literal(header.first, head_pieces_);
    append_literal(": ", head_pieces_);
    append_text(header.second, head_pieces_);
    append_literal("\r\n", head_pieces_);
  };
  for (const auto& header : common_headers) {
    if (!overridden_by(own_headers, header.first)) append_header(header);
  }
  for (const auto& header : own_headers) append_header(header);

  // {pad:N} becomes literal bytes here, so a body whose only placeholders are paddings is sent
  // from the pre-built bytes with a fixed Content-Length.
  const std::vector<Part> body = parts_of(request.body);
  body_dynamic_ = has_per_request_value(body);
  const bool method_has_body = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (body_dynamic_) {
    append_text(request.body, body_pieces_);  // render() writes the length line before it
  } else if (!body.empty() || method_has_body) {
    append_literal("Content-Length: " + std::to_string(fixed_size(body)) + "\r\n\r\n", head_pieces_);
    append_text(request.body, head_pieces_);
  } else {
    append_literal("\r\n", head_pieces_);
  }

  const auto max_bytes = [](const Pieces& pieces) {
    std::size_t bytes = 0;
    for (const Piece& piece : pieces) {
      bytes += piece.kind == Piece::Kind::literal  ? piece.length
               : piece.kind == Piece::Kind::random ? decimal_digits(piece.bound - 1)
                                                   : kMaxDecimalDigits;
    }
    return bytes;
  };
  max_rendered_bytes_ = max_bytes(head_pieces_);
  if (body_dynamic_) {
    max_rendered_bytes_ +=
        std::string_view("Content-Length: \r\n\r\n").size() + kMaxDecimalDigits + max_bytes(body_pieces_);
  }
}

// Appends text that may hold placeholders.
void CompiledRequest::append_text(std::string_view text, Pieces& pieces) {
  for (const Part& part : parts_of(text)) {
    switch (part.kind) {
      case Part::Kind::literal:
        append_literal(part.text, pieces);
        break;
      case Part::Kind::seq:
        pieces.push_back(Piece{Piece::Kind::sequence});
        break;
      case Part::Kind::rand:
        pieces.push_back(Piece{Piece::Kind::random, 0, 0, part.bound});
        break;
      case Part::Kind::pad:
        // Written once here; each send copies it like any other literal.
        literals_.append(part.pad_bytes, 'x');
        extend_literal(part.pad_bytes, pieces);
        break;
      case Part::Kind::time:
        throw std::logic_error("parse_request_template() made a message placeholder");
    }
  }
}

void CompiledRequest::append_literal(std::string_view text, Pieces& pieces) {
  literals_.append(text);
  extend_literal(text.size(), pieces);
}

// Makes the last `length` bytes of literals_ a literal piece, merged into the previous piece
// when that is literal and ends where they begin.
void CompiledRequest::extend_literal(std::size_t length, Pieces& pieces) {
  if (length == 0) return;
  const std::size_t offset = literals_.size() - length;
  if (!pieces.empty() && pieces.back().kind == Piece::Kind::literal &&
      pieces.back().offset + pieces.back().length == offset) {
    pieces.back().length += length;
  } else {
    pieces.push_back(Piece{Piece::Kind::literal, offset, length});
  }
}

void CompiledRequest::append_pieces(const Pieces& pieces, std::uint64_t sequence, scenario::SeededRandom& rng,
                                    std::string& out) const {
  for (const Piece& piece : pieces) {
    switch (piece.kind) {
      case Piece::Kind::literal:
        out.append(literals_, piece.offset, piece.length);
        break;
      case Piece::Kind::sequence:
        append_decimal(out, sequence);
        break;
      case Piece::Kind::random:
        append_decimal(out, rng.below(piece.bound));
        break;
    }
  }
}

std::string_view CompiledRequest::render(std::uint64_t sequence, scenario::SeededRandom& rng, std::string& buffer) const {
  if (constant()) return literals_;
  buffer.clear();
  append_pieces(head_pieces_, sequence, rng, buffer);
  if (body_dynamic_) {
    // The length goes before the body: measure the body with a copy of the generator, which
    // makes the same draws that rendering it then makes.
    scenario::SeededRandom probe = rng;
    std::uint64_t body_bytes = 0;
    for (const Piece& piece : body_pieces_) {
      body_bytes += piece.kind == Piece::Kind::literal  ? piece.length
                    : piece.kind == Piece::Kind::random ? decimal_digits(probe.below(piece.bound))
                                                        : decimal_digits(sequence);
    }
    buffer.append("Content-Length: ");
    append_decimal(buffer, body_bytes);
    buffer.append("\r\n\r\n");
    append_pieces(body_pieces_, sequence, rng, buffer);
  }
  return buffer;
}

WeightedPicker::WeightedPicker(std::span<const unsigned> weights) {
  cumulative_.reserve(weights.size());
  std::uint64_t total = 0;
  for (const unsigned weight : weights) cumulative_.push_back(total += weight);
  if (total == 0) throw std::invalid_argument("a request mix needs at least one request with a positive weight");
}

std::size_t WeightedPicker::pick(scenario::SeededRandom& rng) const {
  const std::uint64_t draw = rng.below(cumulative_.back());
  return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), draw) - cumulative_.begin());
}

}  // namespace faultline::load
