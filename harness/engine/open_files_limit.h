// faultline's own descriptor budget. A connection storm holds one descriptor per connection,
// and the usual soft limit of 1024 would stop a 10,000-client storm at its first thousand: the
// soft RLIMIT_NOFILE is raised, before load starts, as far as the run's connections need and the
// hard limit allows, and a run that needs more than the hard limit is refused with the numbers
// and the way out. A run that fits in the soft limit leaves it alone, so that the target
// faultline spawns inherits the limit it would have had without faultline.
#pragma once

#include <cstdint>
#include <string>

namespace faultline::engine {

struct OpenFilesLimit {
  std::uint64_t soft = 0;  // in force after the raise
  std::uint64_t hard = 0;
};

// Descriptors faultline keeps for itself besides its connections' (logs, proxy listeners, /proc
// reads, the target's pipes).
constexpr std::uint64_t kReservedDescriptors = 256;

// Descriptors a generator's `connections` hold in faultline: one each, three through the fault
// proxy (faultline's in-process proxy also holds the accepted socket and its own to the target).
constexpr std::uint64_t connection_descriptors(std::uint64_t connections, bool through_proxy) {
  return through_proxy ? 3 * connections : connections;
}

// The soft limit that connections holding `descriptors` need: the current one when it
// suffices, else descriptors + kReservedDescriptors, never above the hard limit.
std::uint64_t soft_limit_for(std::uint64_t descriptors, const OpenFilesLimit& current);

// Raises this process's soft limit to soft_limit_for(descriptors, current) and returns the limits
// then in force. Throws std::system_error if prlimit fails.
OpenFilesLimit raise_open_files_limit(std::uint64_t descriptors);

// Empty when connections holding `descriptors` fit in `limit` with kReservedDescriptors to spare;
// else one sentence with the numbers and how to raise the limit.
std::string open_files_shortfall(std::uint64_t descriptors, const OpenFilesLimit& limit);

}  // namespace faultline::engine
