// faultline's own descriptor budget. A connection storm holds one descriptor per connection,
// and the usual soft limit of 1024 would stop a 10,000-client storm at its first thousand: the
// soft RLIMIT_NOFILE is raised to the hard limit once, before load starts, and a generator that
// needs more than the hard limit allows is refused with the numbers and the way out.
#pragma once

#include <cstdint>
#include <string>

namespace faultline::load {

struct OpenFilesLimit {
  std::uint64_t soft = 0;  // in force after the raise
  std::uint64_t hard = 0;
};

// Raises the soft limit of this process to its hard limit (never lowers it) and returns both.
// Throws std::system_error if getrlimit/setrlimit fail.
OpenFilesLimit raise_open_files_limit();

// Descriptors faultline keeps for itself besides its connections (logs, proxies, /proc reads,
// the target's pipes).
constexpr std::uint64_t kReservedDescriptors = 256;

// Empty when `connections` concurrent connections fit in `limit` with kReservedDescriptors to
// spare; else one sentence with the numbers and how to raise the limit.
std::string open_files_shortfall(std::uint64_t connections, const OpenFilesLimit& limit);

}  // namespace faultline::load
