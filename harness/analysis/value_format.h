// Numbers with their unit as the analysis writes them into comparisons and explanations:
// three significant digits, the unit scaled to the value ("0.181ms", "12.1ms", "1.52s", "64MiB").
#pragma once

#include <string>

namespace faultline::analysis {

enum class MetricUnit {
  milliseconds,  // latencies
  seconds,       // time-to-recover
  bytes,         // RSS
  per_second,    // throughput
  fraction,      // rates, written as a percentage (0.012 -> "1.2%")
  count,         // threads, fds, races, ...
};

// Three significant digits, never in exponent notation, no trailing zeros: 1234.5 -> "1235",
// 12.34 -> "12.3", 0.1812 -> "0.181", 2.0 -> "2".
std::string significant(double value);

// `value` in `unit`, scaled: milliseconds past 1000 as seconds and seconds under 1 as
// milliseconds; bytes in B/KiB/MiB/GiB; counts that are whole as integers.
std::string format_value(double value, MetricUnit unit);

}  // namespace faultline::analysis
