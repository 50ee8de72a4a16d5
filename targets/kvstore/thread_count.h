// How many threads this process has, the figure the thread-leak defect makes grow.
#pragma once

#include <optional>
#include <string>

namespace kvstore {

// The "Threads:" field of a /proc/<pid>/status file; nullopt when the file or the field is
// missing. The path is a parameter so tests can hand in a fake status file.
std::optional<long> read_thread_count(const std::string& status_path = "/proc/self/status");

}  // namespace kvstore
