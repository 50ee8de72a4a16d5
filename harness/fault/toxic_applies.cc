#include "harness/fault/toxic_applies.h"

#include "harness/scenario/seeded_random.h"

namespace faultline::fault {

using scenario::derive_seed;
using scenario::SeededRandom;

bool toxic_applies(std::uint64_t seed, ToxicId id, std::uint64_t connection, double toxicity) {
  if (toxicity >= 1.0) return true;
  if (toxicity <= 0.0) return false;
  SeededRandom random(derive_seed(derive_seed(seed, id.value), connection));
  return random.unit() < toxicity;
}

}  // namespace faultline::fault
