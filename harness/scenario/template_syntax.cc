#include "harness/scenario/template_syntax.h"

#include <algorithm>
#include <limits>

#include "harness/scenario/did_you_mean.h"
#include "harness/scenario/identifiers.h"

namespace faultline::scenario {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Characters that may appear between '{' and '}' of something meant as a placeholder; anything
// else (a space, a quote) before the '}' means the placeholder is malformed or unterminated.
bool is_placeholder_char(char c) {
  return is_letter(c) || is_digit(c) || c == ':' || c == '_' || c == '-';
}

constexpr std::string_view kRequestPlaceholdersAre =
    "the placeholders are {seq}, {rand:N} with N >= 1 and {pad:N} with N from 1 to 16777216";
constexpr std::string_view kMessagePlaceholdersAre =
    "a message's placeholders are {seq}, its sequence number, and {t}, its send time in Unix nanoseconds";

void append_literal(std::vector<TemplatePart>& parts, std::string_view text) {
  if (text.empty()) return;
  if (!parts.empty() && parts.back().kind == TemplatePart::Kind::literal) {
    parts.back().text += text;
  } else {
    parts.push_back(TemplatePart{TemplatePart::Kind::literal, std::string(text), 0});
  }
}

// The N of a placeholder "{name:N}": decimal digits (leading zeros allowed), at most `max`.
struct PlaceholderNumber {
  enum class Status { ok, malformed, below_one, above_max };
  Status status = Status::malformed;
  std::uint64_t value = 0;
};

PlaceholderNumber read_placeholder_number(std::string_view text, std::uint64_t max) {
  using Status = PlaceholderNumber::Status;
  if (text.empty()) return {Status::malformed};
  // A sign is read only to say "N >= 1" rather than "malformed" about "{rand:-5}".
  const bool negative = text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return {Status::malformed};
  if (negative || digits.find_first_not_of('0') == std::string_view::npos) return {Status::below_one};
  std::uint64_t value = 0;
  for (char c : digits) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return {Status::above_max};
    value = value * 10 + digit;
  }
  return {Status::ok, value};
}

// `inside` is what stands between the braces of a request placeholder.
ParseResult<TemplatePart> parse_request_placeholder(std::string_view inside) {
  using Status = PlaceholderNumber::Status;
  const std::string quoted = "\"{" + std::string(inside) + "}\"";
  if (inside == "seq") return TemplatePart{TemplatePart::Kind::seq, {}, 0};

  const std::size_t colon = inside.find(':');
  const std::string_view name = inside.substr(0, colon);
  const std::string_view number = colon == std::string_view::npos ? "" : inside.substr(colon + 1);
  const std::string malformed = "malformed placeholder " + quoted + "; " + std::string(kRequestPlaceholdersAre);
  if (name == "rand") {
    const PlaceholderNumber bound = read_placeholder_number(number, std::numeric_limits<std::uint64_t>::max());
    switch (bound.status) {
      case Status::ok:
        return TemplatePart{TemplatePart::Kind::rand, {}, bound.value};
      case Status::malformed:
        return ParseFailure{malformed};
      case Status::below_one:
        return ParseFailure{"{rand:N} needs N >= 1, got " + quoted};
      case Status::above_max:
        return ParseFailure{"{rand:N} needs N <= " + std::to_string(std::numeric_limits<std::uint64_t>::max()) +
                            ", got " + quoted};
    }
  }
  if (name == "pad") {
    const PlaceholderNumber bytes = read_placeholder_number(number, kMaxPadBytes);
    switch (bytes.status) {
      case Status::ok:
        return TemplatePart{TemplatePart::Kind::pad, {}, 0, bytes.value};
      case Status::malformed:
        return ParseFailure{malformed};
      case Status::below_one:
      case Status::above_max:
        return ParseFailure{"{pad:N} needs N from 1 to " + std::to_string(kMaxPadBytes) + " (16 MiB), got " +
                            quoted};
    }
  }

  std::string message = "unknown placeholder " + quoted + "; " + std::string(kRequestPlaceholdersAre);
  if (const auto suggestion = did_you_mean(name, {"seq", "rand", "pad"})) {
    message += "; did you mean \"{" + *suggestion + (*suggestion == "seq" ? "" : ":N") + "}\"?";
  }
  return ParseFailure{std::move(message)};
}

// `inside` is what stands between the braces of a message placeholder.
ParseResult<TemplatePart> parse_message_placeholder(std::string_view inside) {
  if (inside == "seq") return TemplatePart{TemplatePart::Kind::seq, {}, 0};
  if (inside == "t") return TemplatePart{TemplatePart::Kind::time, {}, 0};
  std::string message = "unknown placeholder \"{" + std::string(inside) + "}\"; " + std::string(kMessagePlaceholdersAre);
  if (const auto suggestion = did_you_mean(inside, {"seq", "t"})) message += "; did you mean \"{" + *suggestion + "}\"?";
  return ParseFailure{std::move(message)};
}

// Splits `text` at its placeholders, which `parse_placeholder` reads; `placeholders_are` lists
// them for a malformed one.
ParseResult<std::vector<TemplatePart>> parse_template(std::string_view text,
                                                      ParseResult<TemplatePart> (*parse_placeholder)(std::string_view),
                                                      std::string_view placeholders_are) {
  std::vector<TemplatePart> parts;
  std::size_t literal_start = 0;
  std::size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string_view::npos) {
    if (pos + 1 >= text.size() || !is_letter(text[pos + 1])) {
      ++pos;  // a literal brace, as in a JSON body
      continue;
    }
    std::size_t end = pos + 1;
    while (end < text.size() && is_placeholder_char(text[end])) ++end;
    if (end == text.size() || text[end] != '}') {
      const bool unterminated = end == text.size();
      return ParseFailure{std::string(unterminated ? "unterminated" : "malformed") +
                          " placeholder \"" +
                          std::string(text.substr(pos, end - pos + (unterminated ? 0 : 1))) +
                          "\" (a '{' followed by a letter starts a placeholder; " +
                          std::string(placeholders_are) + ")"};
    }
    const ParseResult<TemplatePart> placeholder =
        parse_placeholder(text.substr(pos + 1, end - pos - 1));
    if (!placeholder) return ParseFailure{placeholder.error()};
    append_literal(parts, text.substr(literal_start, pos - literal_start));
    parts.push_back(*placeholder);
    pos = literal_start = end + 1;
  }
  append_literal(parts, text.substr(literal_start));
  return parts;
}

}  // namespace

ParseResult<std::vector<TemplatePart>> parse_request_template(std::string_view text) {
  return parse_template(text, parse_request_placeholder, kRequestPlaceholdersAre);
}

ParseResult<std::vector<TemplatePart>> parse_message_template(std::string_view text) {
  return parse_template(text, parse_message_placeholder, kMessagePlaceholdersAre);
}

ParseResult<std::vector<std::string>> variable_references(std::string_view text) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    const std::size_t close = text.find('}', pos + 2);
    if (close == std::string_view::npos) {
      return ParseFailure{"unterminated \"${\" in \"" + std::string(text) +
                          "\" (a reference looks like ${NAME})"};
    }
    const std::string_view name = text.substr(pos + 2, close - pos - 2);
    if (!is_variable_name(name)) {
      return ParseFailure{"invalid variable name \"" + std::string(name) + "\" in \"" +
                          std::string(text) + "\" (a name matches [A-Za-z_][A-Za-z0-9_]*)"};
    }
    names.emplace_back(name);
    pos = close + 1;
  }
  return names;
}

}  // namespace faultline::scenario
