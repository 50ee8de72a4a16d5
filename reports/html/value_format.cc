#include "reports/html/value_format.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "reports/terminal/number_format.h"

namespace faultline::reports::html {

namespace {

std::string significant(double value, int digits) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

constexpr std::array<const char*, 5> kByteUnits = {"B", "KiB", "MiB", "GiB", "TiB"};

}  // namespace

std::string format_value(double value, Unit unit) {
  if (!std::isfinite(value)) return "–";
  switch (unit) {
    case Unit::count:
      if (value >= 0 && value < 1.8e19 && value == std::floor(value)) return with_thousands(static_cast<std::uint64_t>(value));
      return significant(value, 4);
    case Unit::rate: return value >= 0 && value < 1e15 ? format_rate(value) : significant(value, 3) + "/s";
    case Unit::ms: return value >= 0 ? format_ms(value) : significant(value, 3) + "ms";
    case Unit::seconds: return significant(value, 3) + "s";
    case Unit::bytes: {
      const ByteScale scale = byte_scale_for(value);
      return significant(value / scale.bytes_per_unit, 3) + " " + scale.name;
    }
    case Unit::fraction: return value >= 0 ? format_percent(value) : significant(value * 100, 3) + "%";
    case Unit::plain: return significant(value, 3);
  }
  return significant(value, 3);
}

ByteScale byte_scale_for(double largest_bytes) {
  ByteScale scale{1, kByteUnits[0]};
  for (std::size_t unit = 1; unit < kByteUnits.size() && std::abs(largest_bytes) >= scale.bytes_per_unit * 1024; ++unit) {
    scale = {scale.bytes_per_unit * 1024, kByteUnits[unit]};
  }
  return scale;
}

}  // namespace faultline::reports::html
