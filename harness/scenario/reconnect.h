// How a connection-level client waits before reconnect attempt k after it lost its connection
// or a connect failed, and when it gives up: immediate, fixed or capped exponential backoff, with
// the jitter of AWS's "Exponential Backoff And Jitter" (Marc Brooker, 2015). Read from a
// generator's "reconnect" object; harness/load/reconnect_policy.h computes the pauses.
#pragma once

#include <chrono>

namespace faultline::scenario {

struct Reconnect {
  enum class Backoff {
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
  Backoff backoff = Backoff::exponential;
  std::chrono::nanoseconds delay = std::chrono::seconds(1);        // fixed: the pause before every attempt
  std::chrono::nanoseconds base = std::chrono::milliseconds(100);  // exponential: before attempt 1
  std::chrono::nanoseconds cap = std::chrono::seconds(10);         // exponential: the longest pause
  Jitter jitter = Jitter::full;
  unsigned max_attempts = 0;  // attempts after a loss before the client gives up; 0: never

  friend bool operator==(const Reconnect&, const Reconnect&) = default;
};

}  // namespace faultline::scenario
