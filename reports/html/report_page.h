// The HTML regression report (issue 6): one self-contained page for one result.json, optionally
// drawn against a baseline result. Top to bottom: verdict, what ran, load and latency over time,
// each connection-level generator (connects, clients connected, reconnects), the target's
// resources, the latency distribution, the comparison with the baseline, expectations, findings,
// events.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace faultline::reports::html {

// `result` and `baseline` are parsed result.json documents (the public format). Sections the
// result lacks are left out; nothing in a result, however malformed, makes this throw.
std::string render_report(const nlohmann::json& result, const nlohmann::json* baseline = nullptr);

}  // namespace faultline::reports::html
