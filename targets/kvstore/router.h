// Request in, response out: kvstore's whole HTTP API, with no sockets involved, so it can be
// unit-tested by calling handle() directly. The contract is in targets/kvstore/README.md.
#pragma once

#include <functional>
#include <optional>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/metrics.h"
#include "targets/kvstore/response.h"
#include "targets/kvstore/store.h"

namespace kvstore {

// True when `request` asks to open kvstore's WebSocket (`GET /ws` with `Upgrade: websocket`):
// the session upgrades the connection instead of asking the Router.
bool is_websocket_upgrade(const Request& request);

// Reports the process's current thread count (nullopt when unknown); see read_thread_count().
using ThreadCounter = std::function<std::optional<long>()>;

class Router {
 public:
  // `connections` is only read, for the kvstore_connections_open gauge.
  Router(Store& store, const Metrics& metrics, const ConnectionGate& connections,
         ThreadCounter count_threads);

  // Safe to call from many threads at once. Takes the request by value so a PUT body is moved,
  // not copied, into the store.
  Response handle(Request request) const;

 private:
  Response handle_key(Request& request, std::string_view key) const;
  Response handle_counter(const Request& request) const;
  Response handle_counter_incr(const Request& request) const;
  Response handle_health(const Request& request) const;
  Response handle_metrics(const Request& request) const;
  Response handle_websocket(const Request& request) const;

  Store& store_;
  const Metrics& metrics_;
  const ConnectionGate& connections_;
  ThreadCounter count_threads_;
};

}  // namespace kvstore
