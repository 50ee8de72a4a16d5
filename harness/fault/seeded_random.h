// Deterministic randomness for toxics: every draw (toxicity per connection, jitter per chunk,
// slice sizes) comes from the proxy's seed and stable keys (toxic id, connection accept order,
// direction), never from a shared generator whose order depends on thread timing. A run with
// the same seed and the same order of connections therefore makes the same choices.
#pragma once

#include <cstdint>

#include "harness/fault/active_toxic.h"

namespace faultline::fault {

// SplitMix64: tiny, fast, and good enough for fault injection (not for cryptography).
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next();
  // Uniform in [0, bound); bound > 0. Multiply-shift, so no division and no loop; the bias
  // (below bound / 2^64) is far beneath anything a toxic can show.
  std::uint64_t below(std::uint64_t bound);
  // Uniform in [-range, +range].
  std::int64_t within(std::uint64_t range);
  // Uniform in [0, 1).
  double unit();

 private:
  std::uint64_t state_;
};

// A well-mixed seed for the pair (seed, key); chain it for more keys.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key);

// Whether the toxic `id` with `toxicity` acts on the connection accepted `connection`-th
// (counting from 0) by a proxy seeded with `seed`. The same arguments always give the same
// answer; over many connections the share that answers true tends to `toxicity`.
bool toxic_applies(std::uint64_t seed, ToxicId id, std::uint64_t connection, double toxicity);

}  // namespace faultline::fault
