// One seed from another and an index: a generator's seed gives each of its workers and clients
// its own, distinct per index and the same run to run.
#pragma once

#include <cstdint>

namespace faultline::load {

// Weyl steps by the golden ratio: seeds of neighbouring indices differ in many bits.
constexpr std::uint64_t derived_seed(std::uint64_t seed, std::uint64_t index) {
  return seed + 0x9e3779b97f4a7c15ULL * (index + 1);
}

}  // namespace faultline::load
