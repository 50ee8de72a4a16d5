// Which connections a toxic with a toxicity below 1 acts on: drawn from the proxy's seed, the
// toxic's id and the connection's accept order (scenario/seeded_random.h), so the same seed
// picks the same connections.
#pragma once

#include <cstdint>

#include "harness/fault/active_toxic.h"

namespace faultline::fault {

// Whether the toxic `id` with `toxicity` acts on the connection accepted `connection`-th
// (counting from 0) by a proxy seeded with `seed`. The same arguments always give the same
// answer; over many connections the share that answers true tends to `toxicity`.
bool toxic_applies(std::uint64_t seed, ToxicId id, std::uint64_t connection, double toxicity);

}  // namespace faultline::fault
