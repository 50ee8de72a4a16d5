// kvstore's own counters and gauges, rendered for Prometheus at GET /metrics. Updated from every
// connection's thread with relaxed atomics: a scrape needs no snapshot consistency across series,
// and the request path must not take a lock.
#pragma once

#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>  // status.hpp (header-only Beast) streams a string_view but omits this include
#include <string>

namespace kvstore {

// Levels owned elsewhere (the store, the connection gate, the process), read at scrape time.
struct Gauges {
  std::size_t keys = 0;               // kvstore_keys
  std::size_t cache_bytes = 0;        // kvstore_cache_bytes: payload bytes the store holds
  std::int64_t connections_open = 0;  // kvstore_connections_open
  std::optional<long> threads;        // kvstore_threads; omitted when unknown
};

class Metrics {
 public:
  void connection_accepted();
  // A connection accepted and closed at once because --max-connections were already open.
  void connection_rejected();
  void accept_failed();
  void request_answered(boost::beast::http::verb method, boost::beast::http::status status);
  // A WebSocket handshake succeeded; the session counts as open until websocket_session_closed().
  void websocket_session_opened();
  void websocket_session_closed();
  void websocket_message_received();
  void websocket_message_sent();
  // A push dropped from a WebSocket session's full send queue (see SendQueue).
  void websocket_push_dropped();

  // The Prometheus text exposition (format 0.0.4) of every series, with `gauges` read just now.
  std::string render(const Gauges& gauges) const;

 private:
  // Methods get their own label value; anything else is counted as method="other".
  static constexpr std::array kLabelledMethods{
      boost::beast::http::verb::get, boost::beast::http::verb::head,
      boost::beast::http::verb::post, boost::beast::http::verb::put,
      boost::beast::http::verb::delete_,
  };
  static constexpr std::size_t kMethodSlots = kLabelledMethods.size() + 1;  // + "other"
  static constexpr std::size_t kStatusSlots = 600;  // indexed by the status code itself

  std::atomic<std::uint64_t> connections_accepted_total_{0};
  std::atomic<std::uint64_t> connections_rejected_total_{0};
  std::atomic<std::uint64_t> accept_errors_total_{0};
  std::atomic<std::int64_t> websocket_sessions_{0};  // a gauge, owned here: sessions report it
  std::atomic<std::uint64_t> websocket_sessions_total_{0};
  std::atomic<std::uint64_t> websocket_messages_received_total_{0};
  std::atomic<std::uint64_t> websocket_messages_sent_total_{0};
  std::atomic<std::uint64_t> websocket_pushes_dropped_total_{0};
  // requests_total_[method slot][status code]: a fixed table, so counting never allocates.
  std::array<std::array<std::atomic<std::uint64_t>, kStatusSlots>, kMethodSlots> requests_total_{};
};

}  // namespace kvstore
