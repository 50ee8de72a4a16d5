// What a connection-level generator did, as text in its report section: its plan and figures
// after warm-up (connects attempted, made and failed by kind, connections lost, clients connected,
// latency), and per fault how the clients that lost their connection came back.
#pragma once

#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

std::string render_connection_facts(const ConnectionView& c);

// One row per fault that started; empty when the generator has no reconnect records.
std::string render_reconnect_table(const RunView& run, const ConnectionView& c);

}  // namespace faultline::reports::html
