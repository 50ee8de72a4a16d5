// Picks the loopback TCP port that a spawned target listens on (the ${port} of its command).
#pragma once

#include <cstdint>

namespace faultline::engine {

// Returns a TCP port on 127.0.0.1 that is free right now: binds port 0, reads back the port the
// kernel chose, and releases it. Another process could take the port before the target binds
// it; the kernel hands out ephemeral ports round-robin, so that is rare, and a target that cannot
// bind exits early, which the supervisor reports. Throws std::runtime_error when no port can be
// bound, naming the step that failed.
std::uint16_t pick_free_port();

}  // namespace faultline::engine
