#include "harness/load/reconnect_policy.h"

#include <algorithm>

namespace faultline::load {

namespace {

using std::chrono::nanoseconds;

nanoseconds non_negative(nanoseconds d) { return std::max(d, nanoseconds::zero()); }

// Uniform in [0, bound] from one draw; bound < 2^63, so bound + 1 cannot overflow.
std::int64_t uniform_up_to(std::int64_t bound, ReconnectRng& rng) {
  return static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(bound) + 1));
}

}  // namespace

nanoseconds backoff_before(const ReconnectPolicy& policy, std::uint32_t attempt) {
  if (attempt == 0) return nanoseconds::zero();
  switch (policy.backoff) {
    case Backoff::immediate:
      return nanoseconds::zero();
    case Backoff::fixed:
      return non_negative(policy.delay);
    case Backoff::exponential: {
      const std::int64_t base = non_negative(policy.base).count();
      const std::int64_t cap = non_negative(policy.cap).count();
      const std::uint32_t doublings = attempt - 1;
      // base * 2^doublings > cap exactly when base > cap / 2^doublings; checked before shifting,
      // so the shift never overflows (and never shifts by 63 or more).
      if (base == 0) return nanoseconds::zero();
      if (doublings >= 63 || base > (cap >> doublings)) return nanoseconds(cap);
      return nanoseconds(base << doublings);
    }
  }
  return nanoseconds::zero();
}

std::optional<nanoseconds> reconnect_delay(const ReconnectPolicy& policy, std::uint32_t attempt, ReconnectRng& rng) {
  if (policy.max_attempts != 0 && attempt > policy.max_attempts) return std::nullopt;
  const std::int64_t backoff = backoff_before(policy, attempt).count();
  switch (policy.jitter) {
    case Jitter::none:
      return nanoseconds(backoff);
    case Jitter::full:
      return nanoseconds(uniform_up_to(backoff, rng));
    case Jitter::equal: {
      const std::int64_t half = backoff / 2;
      return nanoseconds(backoff - half + uniform_up_to(half, rng));
    }
  }
  return nanoseconds(backoff);
}

}  // namespace faultline::load
