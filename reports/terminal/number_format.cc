#include "reports/terminal/number_format.h"

#include <cmath>
#include <cstdio>

namespace faultline::reports {

std::string with_thousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i >= lead && (i - lead) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string format_ms(double ms) {
  char buffer[32];
  if (ms >= 1000.0) {
    std::snprintf(buffer, sizeof buffer, "%.3gs", ms / 1000.0);
  } else if (ms >= 100.0) {
    std::snprintf(buffer, sizeof buffer, "%.0fms", ms);
  } else if (ms >= 10.0) {
    std::snprintf(buffer, sizeof buffer, "%.1fms", ms);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3fms", ms);
  }
  return buffer;
}

std::string format_rate(double per_s, std::string_view unit) {
  if (per_s >= 100.0) return with_thousands(static_cast<std::uint64_t>(std::llround(per_s))) + std::string(unit);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", per_s);
  return buffer + std::string(unit);
}

std::string format_percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", fraction * 100.0);
  return buffer;
}

std::string format_seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1fs", s);
  return buffer;
}

std::string format_percentiles(const result::LatencyPercentiles& p) {
  return "p50 " + format_ms(p.p50_ms) + "   p90 " + format_ms(p.p90_ms) + "   p99 " + format_ms(p.p99_ms) + "   p99.9 " +
         format_ms(p.p999_ms) + "   max " + format_ms(p.max_ms);
}

}  // namespace faultline::reports
