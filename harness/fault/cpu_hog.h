// A CPU-hungry neighbour of the target: keeps a number of cores busy (fractions by a duty cycle)
// so the target competes for CPU time. Runs in a process of its own (`faultline hog cpu --cores X
// --for D`, see hog_process.h).
#pragma once

#include <atomic>
#include <chrono>

namespace faultline::fault {

// Burns `cores` of CPU time until `deadline` passes or `stop` becomes true: ceil(cores) threads,
// each busy for its share of every 100 ms period (1.5 cores: one thread busy throughout, one busy
// 50 ms of every 100 ms) and asleep for the rest. Returns the busy time of all threads together.
// Throws std::invalid_argument unless 0 < cores <= 1024.
std::chrono::nanoseconds run_cpu_hog(double cores, std::chrono::steady_clock::time_point deadline,
                                     const std::atomic<bool>& stop);

}  // namespace faultline::fault
