// After an outage: how long each client took to be connected again, and how long until a given
// share of the clients was. Pure arithmetic on per-client instants, so the engine can apply it
// to the outages of any window (a fault, a target restart) and tests need no clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace faultline::load {

// One client's outage: from losing an established connection to having one again.
struct ClientOutage {
  using Clock = std::chrono::steady_clock;

  std::uint32_t client = 0;           // the client's index in its generator
  Clock::time_point disconnected_at;  // the established connection was lost
  // Connected again (WebSocket: handshake done); nullopt: never, the client gave up or was
  // still reconnecting when the load ended.
  std::optional<Clock::time_point> reconnected_at;
};

struct ReconnectTimes {
  std::size_t clients = 0;      // outages summarised
  std::size_t reconnected = 0;  // of which ended with a reconnect
  // Reconnect times (reconnected_at - disconnected_at) by nearest rank over all the outages,
  // "never" ranking above every time: a rank that falls on a client that never reconnected is
  // nullopt (never), so p99 says "never" when more than 1% of the clients did not come back.
  std::optional<std::chrono::nanoseconds> p50;
  std::optional<std::chrono::nanoseconds> p99;
  std::optional<std::chrono::nanoseconds> max;
  // From `since` until ceil(fraction * clients) of the clients were connected again (0 if they
  // already were); nullopt if that many never were.
  std::optional<std::chrono::nanoseconds> until_fraction_connected;
};

// `fraction` is the share of clients for until_fraction_connected, in (0, 1]; anything else
// throws std::invalid_argument. Nothing is known of an empty span: every time is nullopt.
ReconnectTimes summarize_reconnects(std::span<const ClientOutage> outages, ClientOutage::Clock::time_point since,
                                    double fraction);

}  // namespace faultline::load
