// The open model's intended send times: when, from the generator's start, each arrival of a
// piecewise-linear rate profile (the scenario's stages) is due. Computed exactly from the
// integral of the rate, so no drift accumulates however long the run.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/scenario/scenario.h"

namespace faultline::load {

// Convention: with N(t) the integral of the rate from the start, arrival n (n = 0, 1, 2, ...)
// is due at the instant N crosses n, i.e. inf { t : N(t) > n }. At a constant rate R the
// arrivals are at 0, 1/R, 2/R, ... (100/s: 0 ms, 10 ms, 20 ms, ...), as wrk2 and k6's
// constant-arrival-rate space them (k6's ramping-arrival-rate starts at 1/R instead). A stage
// that starts at rate 0 delays the first arrival until the rate rises; over [0, T) there are
// ceil(N(T)) arrivals, so a ramp from 0 to R over T seconds has R*T/2.
//
// Splitting among T worker threads: each worker takes every T-th arrival of the whole stream
// (worker k: n = k, k+T, k+2T, ...), so the workers interleave instead of all firing at the
// same instants, as they would if each ran the stream at 1/T of the rate. `share` is for
// splitting a generator's rate among shards (--shard i/n) or other uneven splits.
class ArrivalSchedule {
 public:
  using Duration = scenario::Duration;

  // The rate of each stage moves linearly from the previous stage's rate (0 before the first)
  // to its own over its ramp, then holds; every rate is multiplied by `share`. Throws
  // std::invalid_argument for a negative or non-finite rate or share, a negative length, or a
  // ramp longer than its stage.
  explicit ArrivalSchedule(std::span<const scenario::Stage> stages, double share = 1.0);

  // The offset of arrival n of the whole stream from the generator's start, rounded to the
  // nearest nanosecond; nullopt for n >= expected_count(). Non-decreasing in n. O(log stages).
  std::optional<Duration> time_of(std::uint64_t n) const;

  // The number of arrivals before the end of the last stage.
  std::uint64_t expected_count() const { return expected_count_; }

  // The sum of the stages' lengths.
  Duration length() const { return length_; }

 private:
  // A stretch of the profile over which the rate is linear (a ramp or a hold) and positive
  // somewhere; stretches at rate 0 are left out (nothing arrives in them).
  struct Segment {
    Duration start;  // offset from the generator's start
    Duration length;
    double start_rate_per_s;
    double slope_per_s2;          // change of the rate per second
    double arrivals_before;       // N(start)
    double arrivals_through_end;  // N(start + length)
  };

  std::vector<Segment> segments_;
  std::uint64_t expected_count_ = 0;
  Duration length_{};
};

}  // namespace faultline::load
