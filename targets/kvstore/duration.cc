#include "targets/kvstore/duration.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

namespace kvstore {
namespace {

// Unit suffixes and their length in microseconds. "ms" precedes "s" so the longer suffix wins.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 3> kUnits{{
    {"us", 1},
    {"ms", 1000},
    {"s", 1000 * 1000},
}};

}  // namespace

std::optional<std::chrono::microseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::microseconds{0};
  for (const auto& [suffix, unit_us] : kUnits) {
    if (!text.ends_with(suffix)) continue;
    const std::string_view digits = text.substr(0, text.size() - suffix.size());
    std::int64_t count = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    // from_chars accepts a leading '-'; a negative delay means nothing, so it is refused here.
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || count < 0) {
      return std::nullopt;
    }
    if (count > std::numeric_limits<std::int64_t>::max() / unit_us) return std::nullopt;
    return std::chrono::microseconds{count * unit_us};
  }
  return std::nullopt;
}

}  // namespace kvstore
