// The wall-clock instants the result formats record ("started_at", "saved_at").
#pragma once

#include <string>

namespace faultline::result {

// Now, in UTC, as ISO 8601 to the second: "2026-11-27T18:07:49Z".
std::string utc_now_iso8601();

}  // namespace faultline::result
