// JSON pointers (RFC 6901) as the addresses in validation messages: "/load/0/stages/1/rate".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faultline::scenario {

// `path` + "/" + key, with '~' and '/' in the key escaped as "~0" and "~1".
std::string json_pointer_append(std::string_view path, std::string_view key);

// `path` + "/" + index.
std::string json_pointer_append(std::string_view path, std::size_t index);

}  // namespace faultline::scenario
