// How long a client waits before reconnect attempt k after it lost its connection or a connect
// failed, and when it gives up: immediate, fixed or capped exponential backoff, with the jitter
// of AWS's "Exponential Backoff And Jitter" (Marc Brooker, 2015). Deterministic given the
// caller's random engine, so a run's reconnect storm repeats from its seed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "harness/scenario/seeded_random.h"

namespace faultline::load {

enum class BackoffKind {
  immediate,    // no pause: every client hammers the target at once (the storm to provoke)
  fixed,        // `delay` before every attempt
  exponential,  // base * 2^(k-1) before attempt k, never more than `cap`
};

// Applied to the backoff d of attempt k (Brooker's names).
enum class Jitter {
  none,   // exactly d
  full,   // uniform in [0, d]
  equal,  // d/2 (rounded up) + uniform in [0, d/2]: never less than half the backoff
};

// Plain settings, filled from the scenario. Negative durations count as zero.
struct ReconnectPolicy {
  BackoffKind kind = BackoffKind::exponential;
  std::chrono::nanoseconds delay{};                                // fixed: the pause before each attempt
  std::chrono::nanoseconds base = std::chrono::milliseconds(100);  // exponential: before attempt 1
  std::chrono::nanoseconds cap = std::chrono::seconds(10);         // exponential: the longest pause
  Jitter jitter = Jitter::full;
  std::uint32_t max_attempts = 0;  // attempts after a loss before the client gives up; 0: never

  friend bool operator==(const ReconnectPolicy&, const ReconnectPolicy&) = default;
};

// Each client owns one (8 bytes), seeded from the run's seed and the client's index.
using ReconnectRng = scenario::SeededRandom;

// The backoff d before attempt `attempt` (1 for the first attempt after a loss), before jitter.
// Exponential growth saturates at `cap` without overflowing, however large `attempt` is.
// Attempt 0 (the first connect, no loss before it) is 0.
std::chrono::nanoseconds backoff_before(const ReconnectPolicy& policy, std::uint32_t attempt);

// The pause before `attempt`: backoff_before() with jitter drawn from `rng` (one draw per call
// with full or equal jitter, none otherwise). nullopt once `attempt` exceeds max_attempts: the
// client gives up.
std::optional<std::chrono::nanoseconds> reconnect_delay(const ReconnectPolicy& policy, std::uint32_t attempt,
                                                        ReconnectRng& rng);

}  // namespace faultline::load
