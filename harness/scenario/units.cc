#include "harness/scenario/units.h"

#include <array>
#include <charconv>
#include <limits>

namespace faultline::scenario {
namespace {

// Exact arithmetic on (whole + fraction) * unit needs more than 64 bits: a 19-digit fraction
// times the nanoseconds in an hour. __extension__ keeps -Wpedantic quiet about the type.
__extension__ using Uint128 = unsigned __int128;

constexpr std::uint64_t kMaxFractionScale = 10'000'000'000'000'000'000ULL;  // 10^19

// A decimal number exactly as written: whole + fraction / fraction_scale.
struct Decimal {
  std::uint64_t whole = 0;
  std::uint64_t fraction = 0;
  std::uint64_t fraction_scale = 1;  // 10^(fraction digits kept)
  bool has_digits = false;
  bool whole_too_large = false;  // the whole part does not fit in 64 bits
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads [0-9]*(.[0-9]*)? at `pos` and moves `pos` past it. Fraction digits beyond the 19th are
// dropped: they are worth less than one unit of the result for every unit we know.
Decimal read_decimal(std::string_view text, std::size_t& pos) {
  Decimal number;
  for (; pos < text.size() && is_digit(text[pos]); ++pos) {
    number.has_digits = true;
    const auto digit = static_cast<std::uint64_t>(text[pos] - '0');
    if (number.whole > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      number.whole_too_large = true;
    } else {
      number.whole = number.whole * 10 + digit;
    }
  }
  if (pos < text.size() && text[pos] == '.') {
    for (++pos; pos < text.size() && is_digit(text[pos]); ++pos) {
      number.has_digits = true;
      if (number.fraction_scale < kMaxFractionScale) {
        number.fraction = number.fraction * 10 + static_cast<std::uint64_t>(text[pos] - '0');
        number.fraction_scale *= 10;
      }
    }
  }
  return number;
}

std::string_view read_letters(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && is_letter(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

constexpr std::array<Unit, 6> kDurationUnits{{
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

constexpr std::array<Unit, 10> kSizeUnits{{
    {"B", 1},
    {"KiB", 1ULL << 10},
    {"MiB", 1ULL << 20},
    {"GiB", 1ULL << 30},
    {"TiB", 1ULL << 40},
    {"KB", 1'000},
    {"kB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"TB", 1'000'000'000'000},
}};

template <std::size_t N>
const Unit* find_unit(const std::array<Unit, N>& units, std::string_view name) {
  for (const Unit& unit : units) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

// number * factor, exact, as a 128-bit value; `exact` says whether no fraction of a unit of the
// result was dropped.
Uint128 scale(const Decimal& number, std::uint64_t factor, bool& exact) {
  const Uint128 fraction_product = Uint128{number.fraction} * factor;
  exact = fraction_product % number.fraction_scale == 0;
  return Uint128{number.whole} * factor + fraction_product / number.fraction_scale;
}

ParseFailure duration_failure(std::string_view text, std::string_view reason = {}) {
  std::string message = "expected a duration like \"250ms\", got \"" + std::string(text) + "\"";
  if (!reason.empty()) message += " (" + std::string(reason) + ")";
  return ParseFailure{std::move(message)};
}

ParseFailure size_failure(std::string_view text, std::string_view reason = {}) {
  std::string message = "expected a size like \"256MiB\", got \"" + std::string(text) + "\"";
  if (!reason.empty()) message += " (" + std::string(reason) + ")";
  return ParseFailure{std::move(message)};
}

// Writes `value` (in units of `factor`) as <whole>[.<fraction>]<unit>, with no trailing zeros.
std::string format_in_unit(std::uint64_t value, const Unit& unit) {
  std::string text = std::to_string(value / unit.factor);
  std::uint64_t remainder = value % unit.factor;
  if (remainder != 0) {
    std::string fraction;
    for (std::uint64_t place = unit.factor / 10; place > 0; place /= 10) {
      fraction += static_cast<char>('0' + remainder / place);
      remainder %= place;
    }
    fraction.erase(fraction.find_last_not_of('0') + 1);
    text += "." + fraction;
  }
  return text + std::string(unit.name);
}

}  // namespace

ParseResult<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return duration_failure(text);
  if (text.front() == '-') return duration_failure(text, "a duration cannot be negative");

  constexpr auto kMax = static_cast<Uint128>(std::numeric_limits<Duration::rep>::max());
  Uint128 total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Decimal number = read_decimal(text, pos);
    if (!number.has_digits) return duration_failure(text);
    const std::string_view unit_name = read_letters(text, pos);
    if (unit_name.empty()) {
      if (pos == text.size()) return duration_failure(text, "a unit is required: ns, us, ms, s, m, h");
      return duration_failure(text);
    }
    const Unit* unit = find_unit(kDurationUnits, unit_name);
    if (unit == nullptr) {
      return duration_failure(text, "unknown unit \"" + std::string(unit_name) +
                                        "\"; the units are ns, us, ms, s, m, h");
    }
    bool exact = true;
    total += scale(number, unit->factor, exact);
    if (number.whole_too_large || total > kMax) {
      return duration_failure(
          text, "too large; the longest is " + format_duration(Duration::max()));
    }
  }
  return Duration(static_cast<Duration::rep>(total));
}

std::string format_duration(Duration duration) {
  if (duration == Duration::zero()) return "0s";
  std::string text;
  // The magnitude of Duration::min() does not fit in the signed type; it does in the unsigned one.
  std::uint64_t remaining = static_cast<std::uint64_t>(duration.count());
  if (duration < Duration::zero()) {
    text = "-";
    remaining = ~remaining + 1;
  }
  constexpr std::uint64_t kHour = kDurationUnits[5].factor;
  constexpr std::uint64_t kMinute = kDurationUnits[4].factor;
  if (remaining >= kHour) text += std::to_string(remaining / kHour) + "h";
  remaining %= kHour;
  if (remaining >= kMinute) text += std::to_string(remaining / kMinute) + "m";
  remaining %= kMinute;
  if (remaining == 0) return text;

  // The rest (under a minute) in the unit that writes it shortest, never as "0.x": "250ms"
  // rather than "0.25s". On a tie the larger unit wins ("1.000000001s", not "1000000001ns").
  std::string best;
  for (std::size_t i = 4; i-- > 0;) {
    const Unit& unit = kDurationUnits[i];
    if (remaining < unit.factor) continue;
    std::string candidate = format_in_unit(remaining, unit);
    if (best.empty() || candidate.size() < best.size()) best = std::move(candidate);
  }
  return text + best;
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::pair<std::uint64_t, const char*> kUnits[] = {
      {std::uint64_t{1} << 40, "TiB"}, {std::uint64_t{1} << 30, "GiB"}, {std::uint64_t{1} << 20, "MiB"}, {1024, "KiB"}};
  for (const auto& [unit, name] : kUnits) {
    if (bytes != 0 && bytes % unit == 0) return std::to_string(bytes / unit) + name;
  }
  return std::to_string(bytes) + "B";
}

ParseResult<std::uint64_t> parse_size(std::string_view text) {
  std::size_t pos = 0;
  const Decimal number = read_decimal(text, pos);
  if (!number.has_digits) return size_failure(text);
  const std::string_view unit_name = read_letters(text, pos);
  if (pos != text.size()) return size_failure(text);
  if (unit_name.empty()) {
    return size_failure(text, "a unit is required: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB");
  }
  const Unit* unit = find_unit(kSizeUnits, unit_name);
  if (unit == nullptr) {
    return size_failure(text, "unknown unit \"" + std::string(unit_name) +
                                  "\"; the units are B, KiB, MiB, GiB, TiB, KB, MB, GB, TB");
  }
  bool exact = true;
  const Uint128 bytes = scale(number, unit->factor, exact);
  if (number.whole_too_large || bytes > std::numeric_limits<std::uint64_t>::max()) {
    return size_failure(text, "too large");
  }
  if (!exact) return size_failure(text, "not a whole number of bytes");
  return static_cast<std::uint64_t>(bytes);
}

ParseResult<double> parse_percent(std::string_view text) {
  const ParseFailure failure{"expected a percentage like \"1%\", got \"" + std::string(text) + "\""};
  std::size_t pos = 0;
  const Decimal number = read_decimal(text, pos);
  if (!number.has_digits || pos + 1 != text.size() || text[pos] != '%') return failure;

  // from_chars rather than the exact Decimal: a percentage is a double anyway, and from_chars
  // rounds correctly without depending on the C locale.
  double percent = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + pos, percent);
  if (error != std::errc() || end != text.data() + pos) return failure;
  return percent / 100;
}

std::string format_percent(double fraction) {
  constexpr int kMaxDecimals = 20;
  // Fixed notation, which parse_percent() reads, of at most 309 digits (the largest double) and
  // the decimals.
  std::array<char, 400> buffer{};
  std::string text;
  for (int decimals = 0; decimals <= kMaxDecimals; ++decimals) {
    const auto [end, error] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), fraction * 100, std::chars_format::fixed, decimals);
    text.assign(buffer.data(), error == std::errc() ? end : buffer.data());
    text += '%';
    const auto parsed = parse_percent(text);
    if (parsed && *parsed == fraction) break;
  }
  return text;
}

}  // namespace faultline::scenario
