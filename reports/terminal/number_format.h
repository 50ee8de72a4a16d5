// Number formatting shared by the terminal renderers: thousands separators, latencies with a
// precision that suits their size, rates, durations.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/result/load_summary.h"

namespace faultline::reports {

std::string with_thousands(std::uint64_t n);   // 1234567 -> "1,234,567"
std::string format_ms(double ms);              // 0.1812 -> "0.181ms", 12.34 -> "12.3ms", 1520 -> "1.52s"
// 41203.2 -> "41,203/s", 9.5 -> "9.5/s"; with unit " conn/s": "41,203 conn/s".
std::string format_rate(double per_s, std::string_view unit = "/s");
std::string format_percent(double fraction);   // 0.00051 -> "0.05%"
std::string format_seconds(double s);          // 5.21 -> "5.2s"
// "p50 0.181ms   p90 0.4ms   p99 12.3ms   p99.9 20.1ms   max 1.52s"
std::string format_percentiles(const result::LatencyPercentiles& p);

// ": refused 100, timeout 20": the non-zero counts of an array indexed by an enum, each named by
// the enum's to_string; "" when every count is zero.
template <typename Enum, std::size_t N>
std::string nonzero_counts_text(const std::array<std::uint64_t, N>& counts) {
  std::string text;
  for (std::size_t i = 0; i < N; ++i) {
    if (counts[i] == 0) continue;
    text += (text.empty() ? ": " : ", ") + std::string(to_string(static_cast<Enum>(i))) + ' ' + with_thousands(counts[i]);
  }
  return text;
}

}  // namespace faultline::reports
