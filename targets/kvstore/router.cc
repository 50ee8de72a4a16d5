#include "targets/kvstore/router.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace kvstore {
namespace {

namespace http = boost::beast::http;

constexpr std::string_view kKeyPrefix = "/kv/";
constexpr std::string_view kWebSocketPath = "/ws";

// The query string selects nothing in this API; it is ignored rather than refused.
std::string_view path_of(const Request& request) {
  const std::string_view target = request.target();
  return target.substr(0, target.find('?'));
}

Response not_found(const Request& request) {
  return make_response(http::status::not_found, request.version(), "not found\n");
}

// RFC 9110 15.5.6: a 405 must list the methods the resource does support.
Response method_not_allowed(const Request& request, std::string_view allowed) {
  Response response = make_response(http::status::method_not_allowed, request.version(),
                                    "method not allowed\n");
  response.set(http::field::allow, allowed);
  return response;
}

}  // namespace

bool is_websocket_upgrade(const Request& request) {
  return boost::beast::websocket::is_upgrade(request) && path_of(request) == kWebSocketPath;
}

Router::Router(Store& store, const Metrics& metrics, const ConnectionGate& connections,
               ThreadCounter count_threads)
    : store_(store),
      metrics_(metrics),
      connections_(connections),
      count_threads_(std::move(count_threads)) {}

Response Router::handle(Request request) const {
  const std::string_view path = path_of(request);

  if (path.starts_with(kKeyPrefix)) {
    const std::string_view key = path.substr(kKeyPrefix.size());
    // A key is one non-empty path segment, taken verbatim (no percent-decoding).
    if (key.empty() || key.find('/') != std::string_view::npos) return not_found(request);
    return handle_key(request, key);
  }
  if (path == "/counter") return handle_counter(request);
  if (path == "/counter/incr") return handle_counter_incr(request);
  if (path == "/health") return handle_health(request);
  if (path == "/metrics") return handle_metrics(request);
  if (path == kWebSocketPath) return handle_websocket(request);
  return not_found(request);
}

Response Router::handle_key(Request& request, std::string_view key) const {
  switch (request.method()) {
    case http::verb::get: {
      auto value = store_.get(key);
      if (!value) return not_found(request);
      return make_response(http::status::ok, request.version(), std::move(*value),
                           "application/octet-stream");
    }
    case http::verb::put: {
      const PutOutcome outcome = store_.put(key, std::move(request.body()));
      return make_response(
          outcome == PutOutcome::created ? http::status::created : http::status::no_content,
          request.version());
    }
    case http::verb::delete_:
      if (!store_.erase(key)) return not_found(request);
      return make_response(http::status::no_content, request.version());
    default:
      return method_not_allowed(request, "GET, PUT, DELETE");
  }
}

Response Router::handle_counter(const Request& request) const {
  if (request.method() != http::verb::get) return method_not_allowed(request, "GET");
  return make_response(http::status::ok, request.version(), std::to_string(store_.counter()));
}

Response Router::handle_counter_incr(const Request& request) const {
  if (request.method() != http::verb::post) return method_not_allowed(request, "POST");
  return make_response(http::status::ok, request.version(),
                       std::to_string(store_.increment_counter()));
}

Response Router::handle_health(const Request& request) const {
  if (request.method() != http::verb::get) return method_not_allowed(request, "GET");
  return make_response(http::status::ok, request.version(), "ok");
}

Response Router::handle_metrics(const Request& request) const {
  if (request.method() != http::verb::get) return method_not_allowed(request, "GET");
  const Gauges gauges{.keys = store_.size(),
                      .cache_bytes = store_.cache_bytes(),
                      .connections_open = connections_.open(),
                      .threads = count_threads_()};
  return make_response(http::status::ok, request.version(), metrics_.render(gauges),
                       "text/plain; version=0.0.4");
}

Response Router::handle_websocket(const Request& request) const {
  // An upgrade request never gets here (see is_websocket_upgrade()); a plain GET is told how to
  // ask, as RFC 9110 15.5.22 requires of a 426.
  if (request.method() != http::verb::get) return method_not_allowed(request, "GET");
  Response response = make_response(http::status::upgrade_required, request.version(),
                                    "upgrade required: connect with a WebSocket client\n");
  response.set(http::field::upgrade, "websocket");
  return response;
}

}  // namespace kvstore
