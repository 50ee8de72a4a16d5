// Reads what was appended to a file since the last read: how the log scanner gets the target's
// output, which the engine writes to files in the run directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace faultline::observe {

class FileFollower {
 public:
  static constexpr std::size_t kDefaultMaxBytesPerRead = 1024 * 1024;

  // The file need not exist yet: reads return nothing until it does.
  explicit FileFollower(std::filesystem::path path, std::size_t max_bytes_per_read = kDefaultMaxBytesPerRead);

  // The bytes appended since the previous call, at most max_bytes_per_read of them (the rest
  // comes with the next calls), so a target that floods its output cannot stall the caller.
  // A file that became shorter was truncated or replaced: reading starts again at its start.
  std::string read_new();

  std::uint64_t offset() const { return offset_; }  // bytes consumed so far

 private:
  std::filesystem::path path_;
  std::size_t max_bytes_per_read_;
  std::uint64_t offset_ = 0;
};

}  // namespace faultline::observe
