// Delivery latency of pushed messages that carry the time they were published: kvstore's pushes
// as their last field, godash's SSE events in their JSON. Publisher and faultline share one
// machine, so both read the same system clock, in nanoseconds since the Unix epoch.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace faultline::load {

// Now on the system clock, in Unix nanoseconds (what {t} becomes in a message template).
std::int64_t unix_time_ns();

// From `published_unix_ns` to now; negative if the publisher's clock ran ahead.
std::chrono::nanoseconds delivery_latency(std::int64_t published_unix_ns);

// The last space-separated field of `text` if it is an integer (kvstore's "chg KEY VALUE" whose
// VALUE was written as {t}).
std::optional<std::int64_t> trailing_time_ns(std::string_view text);

// The integer at `key` of the JSON object `json`, a top-level member only (a nested member of
// the same name does not count): godash's "published_unix_nano". nullopt when `json` is not an
// object, has no such member before a syntax error, or its value is not an integer that fits.
// Parsing stops at the member, so the rest of the event is not read.
std::optional<std::int64_t> json_time_ns(std::string_view json, std::string_view key);

}  // namespace faultline::load
