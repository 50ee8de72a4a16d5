#include "harness/scenario/seeded_random.h"

namespace faultline::scenario {
std::int64_t SeededRandom::within(std::uint64_t range) {
  if (range == 0) return 0;
  return static_cast<std::int64_t>(below(2 * range + 1)) - static_cast<std::int64_t>(range);
}

double SeededRandom::unit() {
  // The top 53 bits fill a double's mantissa exactly.
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key) {
  return SeededRandom::mix(SeededRandom::mix(seed) ^ (key + SeededRandom::kGamma));
}

}  // namespace faultline::scenario
