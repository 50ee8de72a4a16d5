#include "harness/scenario/json_pointer.h"

namespace faultline::scenario {

std::string json_pointer_append(std::string_view path, std::string_view key) {
  std::string result(path);
  result += '/';
  for (char c : key) {
    if (c == '~') {
      result += "~0";
    } else if (c == '/') {
      result += "~1";
    } else {
      result += c;
    }
  }
  return result;
}

std::string json_pointer_append(std::string_view path, std::size_t index) {
  return std::string(path) + "/" + std::to_string(index);
}

}  // namespace faultline::scenario
