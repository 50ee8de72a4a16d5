// What a client that stays connected (WebSocket, SSE) does around its connections: reports each
// connect attempt, success, failure and loss to the StormRecorder, records its outages (from a
// loss to the next connection made) and after a failure or a loss waits the ReconnectPolicy's
// pause before the next attempt, or gives up. The client keeps its own protocol state; this
// keeps the bookkeeping every such client shares, and decides whether the client is waiting or
// has given up. Owned by the client, on its worker's thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "harness/load/connection_error.h"
#include "harness/load/reconnect_policy.h"
#include "harness/load/storm_recorder.h"

namespace faultline::load {

// A client's states include these two, for after a failure or a loss.
template <class State>
concept ReconnectingState = requires {
  State::waiting;  // for the policy's pause, then the next attempt
  State::gave_up;  // the policy's max_attempts were used up
};

class Reconnector {
 public:
  using Clock = std::chrono::steady_clock;

  // `client` is the client's index in its generator (outage records); `seed` seeds its jitter.
  Reconnector(boost::asio::io_context& io, const ReconnectPolicy& policy, StormRecorder& recorder,
              std::uint32_t client, std::uint64_t seed);

  // The client starts (once, before its first attempt): `reconnect` is what every pause ends in.
  // It is called only while `owner` (the client) lives, and nothing here keeps the owner alive.
  void start(std::weak_ptr<const void> owner, std::function<void()> reconnect);
  // A connect attempt begins.
  void attempt_started();
  // The attempt is established (WebSocket: handshake done; SSE: stream accepted); returns now.
  Clock::time_point connected();
  // After a failed attempt, or the loss of an established connection (not closed by the client):
  // the client's state from now on, State::waiting (`reconnect` follows the policy's pause) or
  // State::gave_up.
  template <ReconnectingState State>
  State connect_failed(ConnectionError error) {
    return reconnect_after_failure(error) ? State::waiting : State::gave_up;
  }
  template <ReconnectingState State>
  State lost(ConnectionError cause) {
    return reconnect_after_loss(cause) ? State::waiting : State::gave_up;
  }
  // The client stops: a pause under way is cancelled (`reconnect` is not called) and an outage
  // under way ends without a reconnect. An attempt under way is neither a success nor a failure.
  void stop();

 private:
  // Each true when a pause is under way, false when the policy gives up.
  bool reconnect_after_failure(ConnectionError error);
  bool reconnect_after_loss(ConnectionError cause);
  bool wait_to_reconnect();
  void on_pause_over();
  void end_outage(std::optional<Clock::time_point> reconnected_at);

  ReconnectPolicy policy_;
  StormRecorder& recorder_;
  const std::uint32_t client_;
  ReconnectRng rng_;
  boost::asio::steady_timer timer_;
  std::weak_ptr<const void> owner_;
  std::function<void()> reconnect_;
  bool pausing_ = false;       // a pause is under way: it ends in reconnect_ unless stop() came first
  std::uint32_t attempt_ = 0;  // reconnect attempts since the last connection was made
  Clock::time_point attempt_started_;
  std::optional<Clock::time_point> lost_at_;  // in an outage: when the connection was lost
};

}  // namespace faultline::load
