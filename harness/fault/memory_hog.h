// A memory-hungry neighbour of the target: allocates and touches a number of bytes and holds
// them, so the machine (or a shared cgroup) runs short of memory from outside the target. Runs in
// a process of its own (`faultline hog memory --bytes N --for D`, see hog_process.h).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace faultline::fault {

// Maps `bytes` of anonymous memory, writes to every page so each is really backed by RAM (or
// swap), and holds it until `deadline` passes or `stop` becomes true, then releases it. Stops
// touching early when either happens during the touching. Returns the bytes touched. Throws
// std::system_error when the memory cannot be mapped, std::invalid_argument for 0 bytes.
std::uint64_t run_memory_hog(std::uint64_t bytes, std::chrono::steady_clock::time_point deadline,
                             const std::atomic<bool>& stop);

}  // namespace faultline::fault
