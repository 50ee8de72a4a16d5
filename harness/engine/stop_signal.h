// SIGINT and SIGTERM end a run cleanly rather than killing faultline: the handler only records
// the signal, and the run loop notices it, stops load and the target, and writes the result.
#pragma once

#include <optional>
#include <string>

namespace faultline::engine {

// Installs the handlers (and ignores SIGPIPE: a peer closing a socket is an error value, not a
// reason to die). Call once, before the run.
void install_stop_handlers();

// The signal that asked the run to stop, if one did ("SIGINT", "SIGTERM").
std::optional<std::string> requested_stop();

// For tests: forget a recorded request.
void clear_requested_stop();

}  // namespace faultline::engine
