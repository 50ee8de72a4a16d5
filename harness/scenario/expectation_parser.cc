#include "harness/scenario/parse_result.h"
#include "harness/scenario/expectation_parser.h"

#include <array>
#include <charconv>
#include <utility>

#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

constexpr std::string_view kValueExamples = "a value like 250ms, 2s, 1%, 64MiB or a plain number";
constexpr std::string_view kScopes = "\"during steady\", \"during fault N\" or \"after recovery\"";

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_metric_char(char c) {
  return is_letter(c) || is_digit(c) || c == '_' || c == '.' || c == '-' || c == ':';
}


ExpressionError error_at(std::size_t offset, std::string message) { return {offset, std::move(message)}; }

// Walks the text word by word; every token remembers where it started for error messages.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  void skip_spaces() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  std::size_t pos() const { return pos_; }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  // Characters up to the next space.
  std::string_view word() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !is_space(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::string_view metric() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_metric_char(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // The longest comparison operator at the cursor, if any.
  std::optional<CompareOp> op() {
    struct Spelling {
      std::string_view text;
      CompareOp op;
    };
    // Two-character operators first, so "<=" is not read as "<" followed by "=".
    constexpr std::array<Spelling, 6> kSpellings{{{"<=", CompareOp::less_equal},
                                                  {">=", CompareOp::greater_equal},
                                                  {"==", CompareOp::equal},
                                                  {"!=", CompareOp::not_equal},
                                                  {"<", CompareOp::less},
                                                  {">", CompareOp::greater}}};
    for (const Spelling& spelling : kSpellings) {
      if (text_.substr(pos_).starts_with(spelling.text)) {
        pos_ += spelling.text.size();
        return spelling.op;
      }
    }
    return std::nullopt;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<double> plain_number(std::string_view text) {
  std::size_t digits = 0;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      ++digits;
    } else if (c == '.') {
      ++points;
    } else if (!((c == '-' || c == '+') && i == 0)) {
      return std::nullopt;
    }
  }
  if (digits == 0 || points > 1) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_duration_unit(std::string_view unit) {
  for (std::string_view known : {"ns", "us", "ms", "s", "m", "h"}) {
    if (unit == known) return true;
  }
  return false;
}

bool is_size_unit(std::string_view unit) {
  for (std::string_view known : {"B", "KiB", "MiB", "GiB", "TiB", "KB", "kB", "MB", "GB", "TB"}) {
    if (unit == known) return true;
  }
  return false;
}

// A threshold read from `token`, which starts at `offset` of the whole text.
ExpressionParse<Threshold> threshold_at(std::string_view token, std::size_t offset) {
  if (token.empty()) return {std::nullopt, error_at(offset, "expected " + std::string(kValueExamples) + ", got nothing")};
  Threshold threshold;
  threshold.text = std::string(token);
  if (const auto number = plain_number(token)) {
    threshold.kind = Threshold::Kind::number;
    threshold.value = *number;
    return {threshold, {}};
  }
  if (token.back() == '%') {
    const auto fraction = parse_percent(token);
    if (!fraction) return {std::nullopt, error_at(offset, fraction.error())};
    threshold.kind = Threshold::Kind::fraction;
    threshold.value = *fraction;
    return {threshold, {}};
  }
  // The unit is the trailing run of letters ("1m30s" ends in "s", "1.5GiB" in "GiB").
  std::size_t unit_start = token.size();
  while (unit_start > 0 && is_letter(token[unit_start - 1])) --unit_start;
  const std::string_view unit = token.substr(unit_start);
  if (is_duration_unit(unit)) {
    const auto duration = parse_duration(token);
    if (!duration) return {std::nullopt, error_at(offset, duration.error())};
    threshold.kind = Threshold::Kind::duration;
    threshold.value = static_cast<double>(duration->count()) / 1e9;
    return {threshold, {}};
  }
  if (is_size_unit(unit)) {
    const auto size = parse_size(token);
    if (!size) return {std::nullopt, error_at(offset, size.error())};
    threshold.kind = Threshold::Kind::size;
    threshold.value = static_cast<double>(*size);
    return {threshold, {}};
  }
  std::string message = "expected " + std::string(kValueExamples) + ", got " + in_quotes(token);
  if (!unit.empty() && unit_start > 0) {
    message += " (unknown unit " + in_quotes(unit) + ": durations take ns, us, ms, s, m, h; sizes B, KiB, MiB, GiB, "
               "TiB, KB, MB, GB, TB; percentages %)";
  }
  return {std::nullopt, error_at(offset, std::move(message))};
}

// METRIC OP VALUE, shared by both forms.
struct Comparison {
  std::string metric;
  CompareOp op = CompareOp::less;
  Threshold threshold;
};

ExpressionParse<Comparison> comparison(Cursor& cursor) {
  cursor.skip_spaces();
  const std::size_t metric_at = cursor.pos();
  if (!is_letter(cursor.peek())) {
    const std::string got = cursor.at_end() ? "nothing" : in_quotes(cursor.word());
    return {std::nullopt, error_at(metric_at, "expected a metric name like \"load.api.p99\", got " + got)};
  }
  Comparison parsed;
  parsed.metric = std::string(cursor.metric());
  cursor.skip_spaces();
  const std::size_t op_at = cursor.pos();
  const auto op = cursor.op();
  if (!op) {
    std::string message = "expected a comparison (<, <=, >, >=, ==, !=) after " + in_quotes(parsed.metric) + ", got ";
    if (cursor.at_end()) return {std::nullopt, error_at(op_at, message + "nothing")};
    const std::string_view got = cursor.word();
    message += in_quotes(got);
    if (got.starts_with("=")) message += " (equality is ==)";
    return {std::nullopt, error_at(op_at, std::move(message))};
  }
  parsed.op = *op;
  cursor.skip_spaces();
  const std::size_t value_at = cursor.pos();
  auto threshold = threshold_at(cursor.word(), value_at);
  if (!threshold) return {std::nullopt, threshold.error};
  parsed.threshold = std::move(*threshold.value);
  return {std::move(parsed), {}};
}

ExpressionParse<Scope> scope(Cursor& cursor) {
  cursor.skip_spaces();
  if (cursor.at_end()) return {Scope{}, {}};
  const std::size_t word_at = cursor.pos();
  const std::string_view first = cursor.word();
  cursor.skip_spaces();
  const std::size_t second_at = cursor.pos();
  const std::string_view second = cursor.word();
  Scope parsed;
  if (first == "after" && second == "recovery") {
    parsed.kind = Scope::Kind::after_recovery;
  } else if (first == "during" && second == "steady") {
    parsed.kind = Scope::Kind::steady;
  } else if (first == "during" && second == "fault") {
    cursor.skip_spaces();
    const std::size_t number_at = cursor.pos();
    const std::string_view number = cursor.word();
    std::size_t fault_number = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), fault_number);
    if (number.empty() || ec != std::errc{} || end != number.data() + number.size() || fault_number == 0) {
      return {std::nullopt, error_at(number_at, "expected a fault number (1 for the first fault) after \"during "
                                                "fault\", got " + (number.empty() ? "nothing" : in_quotes(number)))};
    }
    parsed.kind = Scope::Kind::fault;
    parsed.fault_index = fault_number - 1;
  } else if (first == "for") {
    return {std::nullopt, error_at(word_at, "\"for DURATION\" belongs to abort conditions, not expectations; "
                                            "expected " + std::string(kScopes))};
  } else if (first == "during" || first == "after") {
    const std::string got = second.empty() ? "nothing" : in_quotes(second);
    return {std::nullopt, error_at(second_at, "expected " + std::string(kScopes) + ", got " + in_quotes(first) + " " + got)};
  } else {
    return {std::nullopt, error_at(word_at, "expected " + std::string(kScopes) + " or the end, got " + in_quotes(first))};
  }
  return {parsed, {}};
}

ExpressionParse<double> for_duration(Cursor& cursor) {
  cursor.skip_spaces();
  const std::size_t word_at = cursor.pos();
  const std::string_view keyword = cursor.word();
  if (keyword != "for") {
    const std::string got = keyword.empty() ? "nothing" : in_quotes(keyword);
    return {std::nullopt, error_at(word_at, "expected \"for DURATION\" (how long the condition must hold, like "
                                            "\"for 15s\"), got " + got)};
  }
  cursor.skip_spaces();
  const std::size_t duration_at = cursor.pos();
  const std::string_view text = cursor.word();
  if (text.empty()) {
    return {std::nullopt, error_at(duration_at, "expected a duration like \"15s\" after \"for\", got nothing")};
  }
  const auto duration = parse_duration(text);
  if (!duration) return {std::nullopt, error_at(duration_at, duration.error())};
  if (duration->count() == 0) {
    return {std::nullopt, error_at(duration_at, "an abort condition must hold for longer than 0s")};
  }
  return {static_cast<double>(duration->count()) / 1e9, {}};
}

ExpressionError trailing(Cursor& cursor, std::string_view after) {
  const std::size_t at = cursor.pos();
  return error_at(at, "unexpected " + in_quotes(cursor.word()) + " after " + std::string(after));
}

}  // namespace

std::string to_string(CompareOp op) {
  switch (op) {
    case CompareOp::less: return "<";
    case CompareOp::less_equal: return "<=";
    case CompareOp::greater: return ">";
    case CompareOp::greater_equal: return ">=";
    case CompareOp::equal: return "==";
    case CompareOp::not_equal: return "!=";
  }
  return "?";
}

bool holds(CompareOp op, double observed, double threshold) {
  switch (op) {
    case CompareOp::less: return observed < threshold;
    case CompareOp::less_equal: return observed <= threshold;
    case CompareOp::greater: return observed > threshold;
    case CompareOp::greater_equal: return observed >= threshold;
    case CompareOp::equal: return observed == threshold;
    case CompareOp::not_equal: return observed != threshold;
  }
  return false;
}

std::string to_string(const Scope& scope) {
  switch (scope.kind) {
    case Scope::Kind::whole_run: return "";
    case Scope::Kind::steady: return "during steady";
    case Scope::Kind::fault: return "during fault " + std::to_string(scope.fault_index + 1);
    case Scope::Kind::after_recovery: return "after recovery";
  }
  return "";
}

std::string to_string(const ExpressionError& error) {
  return "at character " + std::to_string(error.offset + 1) + ": " + error.message;
}

ExpressionParse<Threshold> parse_threshold(std::string_view text) { return threshold_at(text, 0); }

ExpressionParse<Expectation> parse_expectation(std::string_view text) {
  Cursor cursor(text);
  auto parsed = comparison(cursor);
  if (!parsed) return {std::nullopt, parsed.error};
  auto where = scope(cursor);
  if (!where) return {std::nullopt, where.error};
  cursor.skip_spaces();
  if (!cursor.at_end()) return {std::nullopt, trailing(cursor, "the expectation")};
  return {Expectation{std::string(text), std::move(parsed.value->metric), parsed.value->op,
                      std::move(parsed.value->threshold), *where.value},
          {}};
}

ExpressionParse<AbortCondition> parse_abort_condition(std::string_view text) {
  Cursor cursor(text);
  auto parsed = comparison(cursor);
  if (!parsed) return {std::nullopt, parsed.error};
  const auto lasting = for_duration(cursor);
  if (!lasting) return {std::nullopt, lasting.error};
  cursor.skip_spaces();
  if (!cursor.at_end()) return {std::nullopt, trailing(cursor, "the abort condition")};
  return {AbortCondition{std::string(text), std::move(parsed.value->metric), parsed.value->op,
                         std::move(parsed.value->threshold), *lasting.value},
          {}};
}

}  // namespace faultline::scenario
