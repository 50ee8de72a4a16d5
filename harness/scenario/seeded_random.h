// Deterministic randomness from the scenario's seed. Every draw comes from the seed and stable
// keys (a toxic's id and a connection's accept order for the proxy; a client's index for its
// reconnect jitter), never from a shared generator whose order depends on thread timing, so a
// run with the same seed makes the same choices. Eight bytes of state: a storm's clients each
// own one.
#pragma once

#include <cstdint>

namespace faultline::scenario {

// SplitMix64 (Steele, Lea and Flood, 2014): a few nanoseconds a draw, one word of state, good
// enough statistics for choosing keys and requests, toxics and jitter (not for cryptography). A
// copy replays the same draws.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  // The SplitMix64 finaliser: every input bit affects every output bit.
  static constexpr std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Inline: an HTTP worker draws for every request it renders.
  std::uint64_t next() { return mix(state_ += kGamma); }
  // Uniform in [0, bound); bound > 0. Multiply-shift (Lemire), so one draw, no division and no
  // loop; the bias (below bound / 2^64) is far beneath anything a run can show.
  std::uint64_t below(std::uint64_t bound) {
    __extension__ using Wide = unsigned __int128;  // __extension__: -Wpedantic
    return static_cast<std::uint64_t>((static_cast<Wide>(next()) * bound) >> 64);
  }
  // Uniform in [-range, +range].
  std::int64_t within(std::uint64_t range);
  // Uniform in [0, 1).
  double unit();

  friend bool operator==(const SeededRandom&, const SeededRandom&) = default;

  // The golden-ratio step between states.
  static constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15ULL;

 private:
  std::uint64_t state_;
};

// A well-mixed seed for the pair (seed, key); chain it for more keys.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key);

}  // namespace faultline::scenario
