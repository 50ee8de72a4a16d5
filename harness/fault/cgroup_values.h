// Reading and writing the values in cgroup control files: counters ("1048576\n"), keyed lines
// ("oom_kill 3"), and a CPU share as a CFS quota per period.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "harness/fault/cgroup_files.h"

namespace faultline::fault {

// A file holding one unsigned number. Throws std::runtime_error naming the file when it holds
// anything else.
std::uint64_t read_counter(const CgroupFiles& files, const std::filesystem::path& file);

// The number after `key` in "key value" lines (memory.events, memory.oom_control); nullopt when
// there is no such line (older kernels lack some keys).
std::optional<std::uint64_t> keyed_value(std::string_view text, std::string_view key);

// Whether a space-separated list (cgroup.controllers, cgroup.subtree_control) has `word`.
bool has_word(std::string_view list, std::string_view word);

// CPU time per CFS period, both in microseconds.
struct CpuQuota {
  std::uint64_t quota_us = 0;
  std::uint64_t period_us = 0;
};

// `cores` of CPU time per 100 ms period. Throws LimitError for a share that is not a positive
// number or below the kernel's minimum quota of 1 ms (0.01 cores).
CpuQuota cpu_quota_for(double cores);

}  // namespace faultline::fault
