// Number formatting shared by the terminal renderers: thousands separators, latencies with a
// precision that suits their size.
#pragma once

#include <cstdint>
#include <string>

namespace faultline::reports {

std::string with_thousands(std::uint64_t n);   // 1234567 -> "1,234,567"
std::string format_ms(double ms);              // 0.1812 -> "0.181ms", 12.34 -> "12.3ms", 1520 -> "1.52s"
std::string format_rate(double per_s);         // 41203.2 -> "41,203/s", 9.5 -> "9.5/s"
std::string format_percent(double fraction);   // 0.00051 -> "0.05%"

}  // namespace faultline::reports
