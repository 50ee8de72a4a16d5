// The end-of-run summary's lines for one connection-level generator (kinds tcp, websocket, sse):
// its reconnect policy, connects attempted, made and failed by kind, connections open and lost,
// connect, round-trip and delivery latency, and per fault how the clients that lost their
// connection came back.
#pragma once

#include <ostream>
#include <string>

#include "harness/result/connection_summary.h"
#include "harness/scenario/scenario.h"

namespace faultline::reports {

// `scenario` gives the generator's reconnect policy and the warm-up its figures come after.
void print_connection_generator(std::ostream& out, const result::ConnectionGeneratorResult& g, const scenario::Scenario& scenario);

// "fault 1: 2,000 clients lost their connection, 2,000 back; reconnect p50 5.2s p99 5.9s max
// 6.1s; all back 0.9s after the fault ended", saying "never" for what did not happen.
std::string reconnect_line(const result::ReconnectRecord& record, bool tcp);

}  // namespace faultline::reports
