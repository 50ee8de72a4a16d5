#include "harness/load/worker_group.h"

#include <algorithm>

namespace faultline::load {

unsigned worker_count(unsigned threads, unsigned connections, unsigned cores) {
  const unsigned wanted = threads > 0 ? threads : std::max(1u, cores);
  return std::max(1u, std::min(wanted, connections));
}

std::uint32_t share(std::uint32_t total, unsigned workers, unsigned i) {
  return total / workers + (i < total % workers ? 1 : 0);
}

}  // namespace faultline::load
