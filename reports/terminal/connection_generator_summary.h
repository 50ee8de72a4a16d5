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

// `measured` says what span the figures cover ("measured 9.0s after 1s warm-up").
void print_connection_generator(std::ostream& out, const result::ConnectionGeneratorResult& g, const scenario::Scenario& scenario,
                                const std::string& measured);

// "fault 1: 2,000 clients lost their connection, 2,000 back; reconnect p50 5.2s p99 5.9s max
// 6.1s; all back 0.9s after the fault ended", saying "never" for what did not happen.
std::string reconnect_line(const result::ReconnectRecord& record, bool tcp);

// "exponential backoff 100ms to 10s, full jitter", "immediately", "after 1s, no jitter".
std::string reconnect_policy_text(const scenario::Reconnect& reconnect);

}  // namespace faultline::reports
