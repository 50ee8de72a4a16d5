// How the HTML report writes a number in its tables and labels, by what the number measures.
// Missing values (NaN) read "–", so an absent figure never shows as "nan" or as a false zero.
#pragma once

#include <string>

namespace faultline::reports::html {

enum class Unit {
  count,     // 1,234,567
  rate,      // 41,203/s
  ms,        // 0.181ms, 12.3ms, 1.52s
  seconds,   // 2.4s
  bytes,     // 256 MiB
  fraction,  // 0.05%
  plain,     // 3 significant digits, no unit (CPU, unknown resources)
};

std::string format_value(double value, Unit unit);

// The power-of-1024 unit in which byte values up to `largest_bytes` read best (a memory chart
// is drawn in MiB, so its ticks are round in MiB, like the limits written in scenarios).
struct ByteScale {
  double bytes_per_unit;
  const char* name;  // "B", "KiB", "MiB", ...
};
ByteScale byte_scale_for(double largest_bytes);

}  // namespace faultline::reports::html
