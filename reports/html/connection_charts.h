// The connection-level generators (kinds tcp, websocket, sse) over time, one section each, on the
// time axis and fault shading of the other charts: connects attempted and made per second (a
// thundering herd of reconnects after a fault shows as a spike; backoff with jitter spreads it),
// clients connected, connect failures and lost connections by kind (stacked), connect latency
// and, when measured, round-trip and delivery latency; above the charts what the generator did
// and, below them, how its clients came back after each fault (connection_facts.h). With several
// generators a first section draws their connect attempts and clients connected side by side.
#pragma once

#include <string>

#include "reports/html/run_view.h"
#include "reports/html/timeline.h"

namespace faultline::reports::html {

// Empty when the run had no connection-level generator. With a `baseline` run, its generator of
// the same name is drawn dashed: connects, clients connected and the p99 latencies.
std::string render_connection_charts(const RunView& run, const RunView* baseline, const Timeline& timeline);

// The id of connection generator `index`'s section, for links to it.
std::string connection_section_id(std::size_t index);

// Where a link to the connection sections leads: the side-by-side section when there is one.
// Only for a run with connection generators.
std::string connections_link_target(const RunView& run);

}  // namespace faultline::reports::html
