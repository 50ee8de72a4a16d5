// sample_result() with a WebSocket generator added: a storm of reconnects after the latency fault,
// connect failures and lost connections by kind, round-trip latency and the reconnect record
// of the fault; for the tests of the report's connection sections.
#pragma once

#include <nlohmann/json.hpp>

#include "sample_result.h"

namespace faultline::reports::html::testing {

inline nlohmann::json connection_generator_plan() {
  return nlohmann::json::parse(R"json({
    "name": "ws", "kind": "websocket", "clients": 2000, "connect_rate": 1000, "path": "/ws", "start": "0s",
    "reconnect": { "backoff": "exponential", "base": "100ms", "cap": "5s", "jitter": "full", "max_attempts": 0 } })json");
}

inline nlohmann::json connection_generator_figures() {
  return nlohmann::json::parse(R"json({
    "kind": "websocket", "threads": 2, "connections": 2000,
    "summary": { "connect_attempts": 4120, "connects": 4000, "reconnects": 2000,
                 "connect_failures": { "refused": 100, "timeout": 20, "reset": 0, "eof": 0, "handshake": 0, "protocol": 0, "other": 0 },
                 "disconnects": { "refused": 0, "timeout": 0, "reset": 0, "eof": 2000, "handshake": 0, "protocol": 0, "other": 0 },
                 "connects_skipped": 0, "closed": 0, "gave_up": 0, "messages_sent": 9000, "sends_skipped": 0,
                 "messages_received": 9000, "replies": 9000, "pushes": 0, "event_id_gaps": 0, "event_ids_skipped": 0,
                 "connected": 1998, "connected_peak": 2000, "connect_attempts_per_s": 824, "connects_per_s": 800,
                 "connect_failure_rate": 0.0291, "connect_ms": { "p50": 1.2, "p90": 2.0, "p99": 3.4, "p999": 8.0, "max": 9.1 },
                 "round_trip_ms": { "p50": 0.3, "p90": 0.5, "p99": 0.9, "p999": 2.0, "max": 4.2 }, "delivery_ms": null,
                 "measured_s": 5.0 },
    "histograms": { "connect": "", "round_trip": "", "delivery": "" },
    "series": [
      { "t": 0, "connect_attempts": 1000, "connects": 1000, "reconnects": 0, "connect_failures": {}, "disconnects": {},
        "connected": 1000, "connected_peak": 1000, "connect_attempts_per_s": 1000, "connects_per_s": 1000,
        "connect_p50_ms": 1.1, "connect_p99_ms": 2.5, "round_trip_p99_ms": 0.8, "delivery_p99_ms": null },
      { "t": 1, "connect_attempts": 1000, "connects": 1000, "reconnects": 0, "connect_failures": {}, "disconnects": {},
        "connected": 2000, "connected_peak": 2000, "connect_attempts_per_s": 1000, "connects_per_s": 1000,
        "connect_p50_ms": 1.2, "connect_p99_ms": 2.6, "round_trip_p99_ms": 0.9, "delivery_p99_ms": null },
      { "t": 2, "connect_attempts": 120, "connects": 0, "reconnects": 0, "connect_failures": { "refused": 100, "timeout": 20 },
        "disconnects": { "eof": 2000 }, "connected": 0, "connected_peak": 2000, "connect_attempts_per_s": 120, "connects_per_s": 0,
        "connect_p50_ms": null, "connect_p99_ms": null, "round_trip_p99_ms": null, "delivery_p99_ms": null },
      { "t": 3, "connect_attempts": 0, "connects": 0, "reconnects": 0, "connect_failures": {}, "disconnects": {},
        "connected": 0, "connected_peak": 0, "connect_attempts_per_s": 0, "connects_per_s": 0,
        "connect_p50_ms": null, "connect_p99_ms": null, "round_trip_p99_ms": null, "delivery_p99_ms": null },
      { "t": 4, "connect_attempts": 2000, "connects": 2000, "reconnects": 2000, "connect_failures": {}, "disconnects": {},
        "connected": 2000, "connected_peak": 2000, "connect_attempts_per_s": 2000, "connects_per_s": 2000,
        "connect_p50_ms": 5.2, "connect_p99_ms": 61.0, "round_trip_p99_ms": 1.4, "delivery_p99_ms": null },
      { "t": 5, "connect_attempts": 0, "connects": 0, "reconnects": 0, "connect_failures": {}, "disconnects": {},
        "connected": 1998, "connected_peak": 2000, "connect_attempts_per_s": 0, "connects_per_s": 0,
        "connect_p50_ms": null, "connect_p99_ms": null, "round_trip_p99_ms": 0.9, "delivery_p99_ms": null }
    ],
    "reconnects": [ { "fault": 0, "clients": 2000, "reconnected": 1988, "p50_s": 2.1, "p99_s": null, "max_s": null,
                      "all_back_after_end_s": null } ],
    "outages_not_kept": 0 })json");
}

// The sample run with "ws" beside its HTTP generator "api".
inline nlohmann::json connection_result() {
  nlohmann::json result = sample_result();
  result["scenario"]["load"].push_back(connection_generator_plan());
  result["load"]["ws"] = connection_generator_figures();
  return result;
}

}  // namespace faultline::reports::html::testing
