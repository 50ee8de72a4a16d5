// What a client that stays connected (WebSocket, SSE) does around its connections: reports each
// connect attempt, success, failure and loss to the StormRecorder, records its outages (from a
// loss to the next connection made) and after a failure or a loss waits the ReconnectPolicy's
// pause before the next attempt, or gives up. The client keeps its own protocol state; this
// keeps the bookkeeping every such client shares. Owned by the client, on its worker's thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "harness/load/connection_error.h"
#include "harness/load/reconnect_policy.h"
#include "harness/load/storm_recorder.h"

namespace faultline::load {

class Reconnector {
 public:
  using Clock = std::chrono::steady_clock;

  // `client` is the client's index in its generator (outage records); `seed` seeds its jitter.
  Reconnector(boost::asio::io_context& io, const ReconnectPolicy& policy, StormRecorder& recorder,
              std::uint32_t client, std::uint64_t seed);

  // A connect attempt begins.
  void attempt_started();
  // The attempt is established (WebSocket: handshake done; SSE: stream accepted); returns now.
  Clock::time_point connected();
  // After a failed attempt, or the loss of an established connection (not closed by the client):
  // calls `connect` after the policy's pause. false when the policy gives up instead.
  bool connect_failed(ConnectionError error, std::function<void()> connect);
  bool lost(ConnectionError cause, std::function<void()> connect);
  // The client stops: a pause under way is cancelled (`connect` is not called) and an outage
  // under way ends without a reconnect. An attempt under way is neither a success nor a failure.
  void stop();

 private:
  bool wait_to_reconnect(std::function<void()> connect);
  void end_outage(std::optional<Clock::time_point> reconnected_at);

  ReconnectPolicy policy_;
  StormRecorder& recorder_;
  const std::uint32_t client_;
  ReconnectRng rng_;
  boost::asio::steady_timer timer_;
  std::uint32_t attempt_ = 0;  // reconnect attempts since the last connection was made
  Clock::time_point attempt_started_;
  std::optional<Clock::time_point> lost_at_;  // in an outage: when the connection was lost
};

}  // namespace faultline::load
