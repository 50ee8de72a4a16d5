// Looking for text in what a renderer wrote, for the report tests.
#pragma once

#include <cstddef>
#include <string>

namespace faultline {

inline bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// Occurrences of `needle` in `text`, overlapping ones included.
inline std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace faultline
