// Per fault, how the clients of a connection-level generator that lost their connection during
// the fault's window came back: the fault's outages summarised (harness/load/reconnect_times.h)
// in seconds on the run's timeline.
#pragma once

#include <chrono>
#include <span>
#include <vector>

#include "harness/load/reconnect_times.h"
#include "harness/result/connection_summary.h"
#include "harness/result/run_result.h"

namespace faultline::engine {

// One record per fault that started. A fault's window runs from its start to its end (to
// `run_end_s` for one that lasted until the end of the run); an outage belongs to the fault
// whose window holds the instant the client lost its connection.
std::vector<result::ReconnectRecord> reconnect_records(std::span<const load::ClientOutage> outages,
                                                       const std::vector<result::FaultRecord>& faults,
                                                       std::chrono::steady_clock::time_point epoch,
                                                       double run_end_s);

}  // namespace faultline::engine
