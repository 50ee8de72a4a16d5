// How long a client waits before reconnect attempt k, by the scenario's reconnect policy
// (harness/scenario/reconnect.h). Deterministic given the caller's random engine, so a run's
// reconnect storm repeats from its seed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "harness/scenario/reconnect.h"
#include "harness/scenario/seeded_random.h"

namespace faultline::load {

// The scenario's settings are the policy. Negative durations count as zero.
using ReconnectPolicy = scenario::Reconnect;
using Backoff = ReconnectPolicy::Backoff;
using Jitter = ReconnectPolicy::Jitter;

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
