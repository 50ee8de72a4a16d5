#include "harness/engine/output_tail.h"

#include <algorithm>
#include <fstream>

namespace faultline::engine {

namespace {

constexpr std::size_t kBlockBytes = 4096;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::vector<std::string> read_last_lines(const std::filesystem::path& path, std::size_t max_lines,
                                         std::size_t max_bytes) {
  if (max_lines == 0) return {};
  std::ifstream file(path, std::ios::binary);
  if (!file) return {};
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size <= 0) return {};

  // Collect the file's suffix block by block until it holds max_lines complete lines. The
  // newline that ends the last line does not separate it from a following one, so it does
  // not count.
  std::string suffix;
  std::streamoff position = size;
  std::size_t separators = 0;
  bool ends_with_newline = false;
  while (position > 0 && suffix.size() < max_bytes && separators < max_lines) {
    const auto block =
        static_cast<std::streamoff>(std::min<std::size_t>(kBlockBytes, max_bytes - suffix.size()));
    const std::streamoff length = std::min(block, position);
    position -= length;
    std::string chunk(static_cast<std::size_t>(length), '\0');
    file.seekg(position);
    if (!file.read(chunk.data(), length)) return {};
    if (suffix.empty()) ends_with_newline = chunk.back() == '\n';
    separators += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
    if (suffix.empty() && ends_with_newline) --separators;
    suffix.insert(0, chunk);
  }

  std::vector<std::string> lines = split_lines(suffix);
  if (lines.size() > max_lines)
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(max_lines));
  return lines;
}

}  // namespace faultline::engine
