// Numbers with their unit as the analysis writes them into comparisons and explanations:
// three significant digits, the unit scaled to the value ("0.181ms", "12.1ms", "1.52s", "64MiB").
#pragma once

#include <string>

#include "harness/scenario/metric_catalogue.h"

namespace faultline::analysis {

// The catalogue's units (harness/scenario/metric_catalogue.h): one enum for a metric's unit
// wherever it is named.
using scenario::MetricUnit;

// Three significant digits, never in exponent notation, no trailing zeros: 1234.5 -> "1235",
// 12.34 -> "12.3", 0.1812 -> "0.181", 2.0 -> "2".
std::string significant(double value);

// `value` in `unit`, scaled: milliseconds past 1000 as seconds and seconds under 1 as
// milliseconds; bytes in B/KiB/MiB/GiB; counts that are whole as integers.
std::string format_value(double value, MetricUnit unit);

}  // namespace faultline::analysis
