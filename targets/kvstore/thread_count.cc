#include "targets/kvstore/thread_count.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace kvstore {

std::optional<long> read_thread_count(const std::string& status_path) {
  constexpr std::string_view kField = "Threads:";
  std::ifstream status(status_path);
  std::string line;
  while (std::getline(status, line)) {
    if (!line.starts_with(kField)) continue;
    const auto begin = line.find_first_not_of(" \t", kField.size());
    if (begin == std::string::npos) return std::nullopt;
    long threads = 0;
    const auto [end, ec] = std::from_chars(line.data() + begin, line.data() + line.size(), threads);
    if (ec != std::errc()) return std::nullopt;
    return threads;
  }
  return std::nullopt;
}

}  // namespace kvstore
