// The hash the stores' maps use for their std::string keys. Transparent, so find() takes a
// std::string_view and a lookup never allocates a std::string for the key.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace kvstore {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept {
    return std::hash<std::string_view>{}(key);
  }
};

}  // namespace kvstore
