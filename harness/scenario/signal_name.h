// POSIX signal names as scenario files write them ("SIGKILL", "KILL" or 9) and as results show
// them ("SIGKILL").
#pragma once

#include <string>
#include <string_view>

#include "harness/scenario/parse_result.h"

namespace faultline::scenario {

// "SIGTERM", "TERM" (any case) or a number of a signal this system has.
ParseResult<int> parse_signal(std::string_view text);

// "SIGKILL" for 9; "signal 42" for a number without a name (real-time signals).
std::string signal_name(int signal);

}  // namespace faultline::scenario
