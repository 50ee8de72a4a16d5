// What every client session gets from the server: the limits of one connection, the behaviour
// chosen on the command line, and the shared parts it serves from. An HttpSession hands it on to
// the WebSocketSession a connection is upgraded to.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "targets/kvstore/metrics.h"
#include "targets/kvstore/router.h"
#include "targets/kvstore/store.h"
#include "targets/kvstore/subscriptions.h"

namespace kvstore {

// What one connection may cost before it is cut off.
struct SessionLimits {
  // The whole next request must arrive within this; it is also how long an idle keep-alive
  // connection is kept, and how long a WebSocket may stay silent (not even a pong) before it is
  // closed.
  std::chrono::seconds read_timeout{30};
  // A client that stops reading its response is dropped after this.
  std::chrono::seconds write_timeout{30};
  // Larger request bodies get 413; a larger WebSocket message closes the WebSocket.
  std::uint64_t body_limit_bytes = 1024 * 1024;
  std::uint32_t header_limit_bytes = 8 * 1024;   // larger request headers get 431
  // Messages a WebSocket session holds unsent; beyond that the oldest is dropped.
  std::size_t websocket_queue_messages = 1024;
  // Keys one WebSocket session may subscribe to; one more gets `err too many subscriptions`.
  std::size_t websocket_subscriptions = 1024;
};

// What a session does beyond the HTTP contract, chosen once from the command line.
struct SessionBehaviour {
  // --delay: every response waits this long on a timer before it is written (no thread blocks).
  std::chrono::microseconds response_delay{0};
  // conn-storm's per-connection buffer, allocated and touched when the connection opens and held
  // until it closes, so every open connection costs this much RSS; 0 allocates nothing.
  std::size_t connection_buffer_bytes = 0;
};

// Everything a session needs from the server; all of it outlives every session.
struct SessionContext {
  const Router& router;
  // The store behind the router, for WebSocket `set` (a PublishingStore, so subscribers hear).
  Store& store;
  Subscriptions& subscriptions;
  Metrics& metrics;
  SessionLimits limits;
  SessionBehaviour behaviour;
};

}  // namespace kvstore
