// Durations, byte sizes and percentages as written in scenario files ("1m30s", "256MiB", "0.5%"),
// parsed into exact integers (or a fraction for percentages) and formatted back for messages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "harness/scenario/parse_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// Like Go's time.ParseDuration: one or more <decimal><unit> terms ("1h", "1m30s", "1.5s"),
// units ns, us, ms, s, m, h. Exact to the nanosecond (digits below a nanosecond are dropped).
// Unlike Go, a sign is rejected (no scenario duration can be negative) and so is a bare "0":
// a number without a unit is always a mistake worth reporting.
ParseResult<Duration> parse_duration(std::string_view text);

// The shortest string that parse_duration() reads back to exactly `duration`: hours and minutes
// as whole terms, the rest in the unit that writes it shortest ("1m30s", "250ms", "1.5s", "1h").
// Negative durations get a leading '-' (for messages only; parse_duration() rejects them).
std::string format_duration(Duration duration);

// <decimal><unit> with IEC units B, KiB, MiB, GiB, TiB (powers of 1024) and SI units KB (or kB),
// MB, GB, TB (powers of 1000). A fraction is allowed when the result is a whole number of bytes
// ("1.5GiB", not "0.3KiB").
ParseResult<std::uint64_t> parse_size(std::string_view text);

// The shortest exact IEC form parse_size() reads back: "256MiB", "1536KiB", "100B".
std::string format_size(std::uint64_t bytes);

// <decimal>% as a fraction: "1%" is 0.01, "0.5%" is 0.005. Values above 100% are allowed
// (a tolerance of "150%" means something).
ParseResult<double> parse_percent(std::string_view text);

// The shortest "<decimal>%" with at most 20 digits after the point that parse_percent() reads
// back to exactly `fraction` (>= 0): "10%", "0.5%", "12.5%"; the 20-digit one when none does.
std::string format_percent(double fraction);

}  // namespace faultline::scenario
