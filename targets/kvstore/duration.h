// Durations on kvstore's command line ("5ms", "250us", "2s", "0"), parsed into std::chrono so
// nothing downstream handles text. Deliberately small: kvstore links nothing from faultline.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace kvstore {

// `text` as a duration: a non-negative integer followed by `us`, `ms` or `s`, or a bare "0".
// nullopt for anything else (no unit, a fraction, a sign, overflow).
std::optional<std::chrono::microseconds> parse_duration(std::string_view text);

}  // namespace kvstore
