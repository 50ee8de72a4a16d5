#include "harness/analysis/value_format.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace faultline::analysis {

std::string significant(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "∞" : "-∞";
  if (value == 0) return "0";
  // Digits after the point so that three significant ones show; rounding may carry into a new
  // digit (999.7 -> "1000"), which is still three significant digits of the value.
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
  const int decimals = magnitude >= 2 ? 0 : 2 - magnitude;
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
  std::string text = buffer.data();
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::string format_value(double value, MetricUnit unit) {
  switch (unit) {
    case MetricUnit::milliseconds:
      if (std::abs(value) >= 1000) return significant(value / 1000) + "s";
      return significant(value) + "ms";
    case MetricUnit::seconds:
      if (value != 0 && std::abs(value) < 1) return significant(value * 1000) + "ms";
      return significant(value) + "s";
    case MetricUnit::bytes: {
      constexpr std::array<const char*, 5> kUnits{"B", "KiB", "MiB", "GiB", "TiB"};
      double scaled = value;
      std::size_t unit_index = 0;
      while (std::abs(scaled) >= 1024 && unit_index + 1 < kUnits.size()) {
        scaled /= 1024;
        ++unit_index;
      }
      return significant(scaled) + kUnits[unit_index];
    }
    case MetricUnit::per_second:
      return significant(value) + "/s";
    case MetricUnit::fraction:
      return significant(value * 100) + "%";
    case MetricUnit::count:
      if (std::abs(value) < 1e15 && value == std::floor(value)) {
        return std::to_string(static_cast<long long>(value));
      }
      return significant(value);
  }
  return significant(value);
}

}  // namespace faultline::analysis
