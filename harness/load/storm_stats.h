// What a connection-level load generator (TCP churn, WebSocket or SSE clients) measured over
// some span of time: connects attempted, made and failed by kind, connections lost, messages,
// the latency distributions and how many clients were connected. Each worker thread owns its own
// StormStats (no locking on the hot path); they are merged per interval and over the run.
#pragma once

#include <array>
#include <cstdint>

#include "harness/load/connection_error.h"
#include "harness/load/histogram.h"

namespace faultline::load {

struct StormCounts {
  std::uint64_t connect_attempts = 0;  // connects started (first connects and reconnects)
  // connections established (WebSocket: handshake done; SSE: 200 text/event-stream received)
  std::uint64_t connects = 0;
  std::uint64_t reconnects = 0;        // of `connects`, those of a client that had lost its connection
  std::uint64_t connects_skipped = 0;  // TCP churn: due, but every connection slot was in use
  std::array<std::uint64_t, kConnectionErrorCount> connect_failures{};  // by why they failed
  // Established connections that ended without faultline closing them, by cause (timeout: no
  // pong, or the expected bytes did not arrive in time).
  std::array<std::uint64_t, kConnectionErrorCount> disconnects{};
  std::uint64_t closed = 0;   // connections faultline closed itself (hold over, or the window's end)
  std::uint64_t gave_up = 0;  // clients that stopped reconnecting after the policy's max_attempts
  // WebSocket: messages of the scenario's template (not the "sub KEY"). TCP churn: a message is
  // the payload written after connecting, its reply the expected bytes.
  std::uint64_t messages_sent = 0;
  std::uint64_t sends_skipped = 0;  // due, but the bound on messages in flight was reached
  // Every message received: replies, pushes and others (such as kvstore's "ok sub KEY").
  std::uint64_t messages_received = 0;
  std::uint64_t replies_matched = 0;  // replies matched to a message in flight (round trip known)
  std::uint64_t pushes_received = 0;  // messages the target pushed to a subscription; SSE: events
  // SSE: events whose numeric id was not the previous event's plus one on the same stream, and
  // the ids those jumps skipped (events lost in the stream). Events published while a client
  // was disconnected are not counted: the stream starts afresh, without replay.
  std::uint64_t event_id_gaps = 0;
  std::uint64_t event_ids_skipped = 0;

  void add_connect_failure(ConnectionError error) { ++connect_failures[static_cast<std::size_t>(error)]; }
  void add_disconnect(ConnectionError cause) { ++disconnects[static_cast<std::size_t>(cause)]; }
  std::uint64_t connect_failure_total() const;
  std::uint64_t disconnect_total() const;
  void merge(const StormCounts& other);
};

// How many connections were open: at the end of a span and at most during it.
struct ConnectedGauge {
  std::uint64_t last = 0;
  std::uint64_t peak = 0;

  void set(std::uint64_t connected) {
    last = connected;
    peak = connected > peak ? connected : peak;
  }
  // `other` counted other connections over the same span (another worker): the levels add up.
  // The sum of the peaks is an upper bound of the joint peak (they may not coincide).
  void merge(const ConnectedGauge& other);
  // `later` is the same connections over the span that follows this one.
  void append(const ConnectedGauge& later);
};

struct StormStats {
  StormCounts counts;
  ConnectedGauge connected;
  Histogram connect_latency_us;  // connect started to established (WebSocket: handshake done)
  Histogram round_trip_us;       // message sent to its reply received
  Histogram push_latency_us;     // a push's publish time (carried in the message) to its arrival

  // `other` is another worker's figures for the same span.
  void merge(const StormStats& other);
  // `later` is the same worker's figures for the span that follows this one.
  void append(const StormStats& later);
  void reset();

 private:
  // Counters and histograms add up either way; only the gauge differs.
  void add_events(const StormStats& other);
};

}  // namespace faultline::load
