#include "harness/fault/seeded_random.h"

namespace faultline::fault {
namespace {

// The SplitMix64 finaliser: every input bit affects every output bit.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t SeededRandom::next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_);
}

std::uint64_t SeededRandom::below(std::uint64_t bound) {
  __extension__ using Uint128 = unsigned __int128;  // __extension__: -Wpedantic
  return static_cast<std::uint64_t>((Uint128{next()} * bound) >> 64);
}

std::int64_t SeededRandom::within(std::uint64_t range) {
  if (range == 0) return 0;
  return static_cast<std::int64_t>(below(2 * range + 1)) - static_cast<std::int64_t>(range);
}

double SeededRandom::unit() {
  // The top 53 bits fill a double's mantissa exactly.
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t key) {
  return mix(mix(seed) ^ (key + 0x9e3779b97f4a7c15ULL));
}

bool toxic_applies(std::uint64_t seed, ToxicId id, std::uint64_t connection, double toxicity) {
  if (toxicity >= 1.0) return true;
  if (toxicity <= 0.0) return false;
  SeededRandom random(derive_seed(derive_seed(seed, id.value), connection));
  return random.unit() < toxicity;
}

}  // namespace faultline::fault
