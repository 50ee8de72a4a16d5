#include "targets/kvstore/metrics.h"

#include <string_view>

namespace kvstore {
namespace {

namespace http = boost::beast::http;

constexpr auto kRelaxed = std::memory_order_relaxed;

void append_header(std::string& out, std::string_view name, std::string_view type,
                   std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

template <typename Number>
void append_sample(std::string& out, std::string_view name, Number value) {
  out.append(name).append(" ").append(std::to_string(value)).append("\n");
}

// A series of one unlabelled sample: its header, then the sample.
template <typename Number>
void append_series(std::string& out, std::string_view name, std::string_view type,
                   std::string_view help, Number value) {
  append_header(out, name, type, help);
  append_sample(out, name, value);
}

}  // namespace

void Metrics::connection_accepted() { connections_accepted_total_.fetch_add(1, kRelaxed); }

void Metrics::connection_rejected() { connections_rejected_total_.fetch_add(1, kRelaxed); }

void Metrics::accept_failed() { accept_errors_total_.fetch_add(1, kRelaxed); }

void Metrics::websocket_session_opened() {
  websocket_sessions_.fetch_add(1, kRelaxed);
  websocket_sessions_total_.fetch_add(1, kRelaxed);
}

void Metrics::websocket_session_closed() { websocket_sessions_.fetch_sub(1, kRelaxed); }

void Metrics::websocket_message_received() {
  websocket_messages_received_total_.fetch_add(1, kRelaxed);
}

void Metrics::websocket_message_sent() { websocket_messages_sent_total_.fetch_add(1, kRelaxed); }

void Metrics::websocket_push_dropped() { websocket_pushes_dropped_total_.fetch_add(1, kRelaxed); }

void Metrics::request_answered(http::verb method, http::status status) {
  std::size_t method_slot = 0;
  while (method_slot < kLabelledMethods.size() && kLabelledMethods[method_slot] != method) {
    ++method_slot;
  }
  const auto code = static_cast<std::size_t>(status);
  // Every response kvstore builds has a standard status (100-599), so nothing is dropped here.
  if (code >= kStatusSlots) return;
  requests_total_[method_slot][code].fetch_add(1, kRelaxed);
}

std::string Metrics::render(const Gauges& gauges) const {
  std::string out;
  out.reserve(4096);

  append_header(out, "kvstore_requests_total", "counter",
                "HTTP requests answered, by method and status code.");
  for (std::size_t method_slot = 0; method_slot < kMethodSlots; ++method_slot) {
    std::string_view method = "other";
    if (method_slot < kLabelledMethods.size()) method = http::to_string(kLabelledMethods[method_slot]);
    for (std::size_t code = 0; code < kStatusSlots; ++code) {
      const auto count = requests_total_[method_slot][code].load(kRelaxed);
      if (count == 0) continue;  // only series that happened: 3000 zero lines help nobody
      out.append("kvstore_requests_total{method=\"").append(method);
      out.append("\",code=\"").append(std::to_string(code)).append("\"} ");
      out.append(std::to_string(count)).append("\n");
    }
  }

  append_series(out, "kvstore_connections_open", "gauge", "Client connections currently open.",
                gauges.connections_open);
  append_series(out, "kvstore_connections_accepted_total", "counter",
                "Client connections accepted since start.",
                connections_accepted_total_.load(kRelaxed));
  append_series(out, "kvstore_connections_rejected_total", "counter",
                "Connections closed at accept because --max-connections were already open.",
                connections_rejected_total_.load(kRelaxed));
  append_series(out, "kvstore_accept_errors_total", "counter",
                "Failed accepts (e.g. out of file descriptors); each is retried after a pause.",
                accept_errors_total_.load(kRelaxed));

  append_series(out, "kvstore_websocket_sessions", "gauge",
                "WebSocket sessions currently open (also counted in kvstore_connections_open).",
                websocket_sessions_.load(kRelaxed));
  append_series(out, "kvstore_websocket_sessions_total", "counter",
                "WebSocket handshakes completed since start.",
                websocket_sessions_total_.load(kRelaxed));
  append_series(out, "kvstore_websocket_messages_received_total", "counter",
                "WebSocket messages received from clients.",
                websocket_messages_received_total_.load(kRelaxed));
  append_series(out, "kvstore_websocket_messages_sent_total", "counter",
                "WebSocket messages written to clients (replies and pushes).",
                websocket_messages_sent_total_.load(kRelaxed));
  append_series(out, "kvstore_websocket_pushes_dropped_total", "counter",
                "WebSocket pushes dropped, oldest first, from full send queues of clients that "
                "read too slowly.",
                websocket_pushes_dropped_total_.load(kRelaxed));

  append_series(out, "kvstore_keys", "gauge", "Keys currently stored.", gauges.keys);
  append_series(out, "kvstore_cache_bytes", "gauge",
                "Bytes of keys and values the store holds (under unbounded-cache: every value "
                "ever written).",
                gauges.cache_bytes);
  if (gauges.threads) {
    append_series(out, "kvstore_threads", "gauge", "Threads of the kvstore process.",
                  *gauges.threads);
  }
  return out;
}

}  // namespace kvstore
