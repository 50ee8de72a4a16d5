// A connection-level generator's figures (kinds tcp, websocket, sse) as they appear in
// result.json and the reports: connects attempted, made and failed, clients connected, the
// latency distributions in milliseconds, for a whole run or one series interval; and, per fault,
// how long its clients took to reconnect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/load/storm_stats.h"
#include "harness/result/load_summary.h"

namespace faultline::result {

struct ConnectionSummary {
  load::StormCounts counts;
  std::uint64_t connected = 0;       // connections open at the end of the span
  std::uint64_t connected_peak = 0;  // most open at once during it (summed over workers: an upper bound)
  double span_s = 0;                 // the span the figures cover
  double connect_attempts_per_s = 0;
  double connects_per_s = 0;
  // Connects that failed / connects attempted, 0 when nothing was attempted.
  double connect_failure_rate = 0;
  LatencyPercentiles connect_latency;  // connect started to established (WebSocket: handshake done)
  LatencyPercentiles round_trip;       // websocket: message sent to its echo
  LatencyPercentiles delivery;         // a pushed message's publish time to its arrival
  std::uint64_t round_trips = 0;       // samples behind round_trip
  std::uint64_t deliveries = 0;        // samples behind delivery
};

ConnectionSummary summarize(const load::StormStats& stats, double span_s);

// One row of a connection generator's per-interval series.
struct ConnectionSeriesPoint {
  double t_s = 0;  // start of the interval, from the run's start
  ConnectionSummary summary;
};

// How the clients that lost their connection during one fault came back (harness/load/
// reconnect_times.h): per client from its loss to its next established connection, by nearest
// rank, a client that never came back ranking above every time (the percentile is then unset
// and `never` says why).
struct ReconnectRecord {
  std::size_t fault = 0;
  std::uint64_t clients = 0;      // clients that lost their connection during the fault's window
  std::uint64_t reconnected = 0;  // of which connected again before the load ended
  std::optional<double> p50_s, p99_s, max_s;
  // From the fault's end until every one of those clients was connected again; unset: not all were.
  std::optional<double> all_back_after_end_s;
};

struct ConnectionGeneratorResult {
  std::string name;
  std::string kind;          // "tcp", "websocket" or "sse"
  unsigned threads = 0;
  unsigned connections = 0;  // tcp: connection slots; websocket, sse: clients
  // Connections left from 127.0.0.1 .. 127.0.0.N in turn; 0: from where the kernel chose.
  unsigned source_addresses = 0;
  bool source_addresses_spread_by_faultline = false;  // the scenario left them to faultline
  ConnectionSummary summary;   // after warm-up
  load::StormStats measured;   // histograms after warm-up, encoded into the result
  std::vector<ConnectionSeriesPoint> series;
  std::vector<ReconnectRecord> reconnects;  // one per fault that started
  std::uint64_t outages_not_kept = 0;       // client outages beyond the per-worker bound, counted only
};

}  // namespace faultline::result
