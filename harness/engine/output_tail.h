// Reads the last lines of a target's captured output, for messages such as "target never
// became ready; last lines of its stderr: ...".
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace faultline::engine {

// The last `max_lines` lines of the file at `path`, oldest first, without line endings ("\n" or
// "\r\n"). Reads backwards from the end, never more than `max_bytes`, so a huge log costs no
// more than a small one; when that cap cuts the oldest returned line, only its end is returned.
// A missing or unreadable file has no lines: this only decorates another error, and must not
// replace it.
std::vector<std::string> read_last_lines(const std::filesystem::path& path, std::size_t max_lines,
                                         std::size_t max_bytes = 64 * 1024);

}  // namespace faultline::engine
