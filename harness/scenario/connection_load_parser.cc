#include "harness/scenario/connection_load_parser.h"

#include <initializer_list>

#include "harness/scenario/template_syntax.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

// The keys of a connection-level kind: the ones every generator shares (read by load_parser.cc),
// the ones every connection-level kind takes, and `own`.
std::vector<std::string_view> keys_with(std::initializer_list<std::string_view> own) {
  std::vector<std::string_view> keys{"name", "kind", "start", "for", "address", "via", "threads", "connect_timeout",
                                     "source_addresses"};
  keys.insert(keys.end(), own);
  return keys;
}

const std::vector<std::string_view> kTcpKeys =
    keys_with({"connections", "rate", "hold", "send", "expect_bytes", "expect_timeout", "close"});
const std::vector<std::string_view> kWebSocketKeys =
    keys_with({"clients", "connect_rate", "path", "reconnect", "message", "message_rate", "await_replies",
               "subscribe", "push_timestamps", "handshake_timeout", "heartbeat", "pong_timeout"});
const std::vector<std::string_view> kSseKeys =
    keys_with({"clients", "connect_rate", "path", "reconnect", "handshake_timeout", "idle_timeout"});

const std::vector<std::string_view> kReconnectKeys{"backoff", "delay", "base", "cap", "jitter", "max_attempts"};

// Source addresses come from 127.0.0.0/8: 127.0.0.1 up to 127.0.0.254.
constexpr std::int64_t kMaxSourceAddresses = 254;
constexpr std::int64_t kMaxAttempts = 1'000'000;

void read_clients(const ObjectReader& generator, std::string_view key, ConnectionLoad& load) {
  if (const auto count = generator.integer(key, Presence::required, 1, kMaxConnections)) {
    load.connections = static_cast<unsigned>(*count);
  }
}

void read_tcp(const ObjectReader& generator, ConnectionLoad& load) {
  read_clients(generator, "connections", load);
  load.rate_per_s = generator.number("rate", Presence::optional, 0, 1e9).value_or(0);
  load.hold = generator.duration("hold", Presence::optional, ZeroDuration::allowed).value_or(load.hold);
  load.send = generator.string("send", Presence::optional).value_or("");
  if (const auto bytes = generator.integer("expect_bytes", Presence::optional, 0, std::int64_t{1} << 30)) {
    load.expect_bytes = static_cast<std::uint64_t>(*bytes);
  }
  load.expect_timeout = generator.duration("expect_timeout", Presence::optional, ZeroDuration::rejected)
                            .value_or(load.expect_timeout);
  if (generator.has("expect_timeout") && load.expect_bytes == 0) {
    generator.report("expect_timeout", "only meaningful with \"expect_bytes\" > 0");
  }
  load.reset_on_close = generator.one_of("close", Presence::optional, {"fin", "rst"}).value_or("fin") == "rst";
}

Reconnect read_reconnect(const ObjectReader& generator) {
  Reconnect reconnect;
  const ObjectReader object = generator.object("reconnect", Presence::optional, kReconnectKeys);
  if (!object.usable()) return reconnect;
  const auto backoff = object.one_of("backoff", Presence::required, {"immediate", "fixed", "exponential"});
  if (backoff == "immediate") reconnect.backoff = Reconnect::Backoff::immediate;
  if (backoff == "fixed") reconnect.backoff = Reconnect::Backoff::fixed;
  const auto only_with = [&](std::string_view key, Reconnect::Backoff wanted, std::string_view wanted_name) {
    if (backoff && reconnect.backoff != wanted && object.has(key)) {
      object.report(key, "only allowed with \"backoff\": \"" + std::string(wanted_name) + "\"");
    }
  };
  only_with("delay", Reconnect::Backoff::fixed, "fixed");
  only_with("base", Reconnect::Backoff::exponential, "exponential");
  only_with("cap", Reconnect::Backoff::exponential, "exponential");
  reconnect.delay = object.duration("delay", Presence::optional, ZeroDuration::rejected).value_or(reconnect.delay);
  reconnect.base = object.duration("base", Presence::optional, ZeroDuration::rejected).value_or(reconnect.base);
  reconnect.cap = object.duration("cap", Presence::optional, ZeroDuration::rejected).value_or(reconnect.cap);
  if (reconnect.cap < reconnect.base) {
    object.report(object.has("cap") ? "cap" : "base",
                  "expected \"cap\" (" + format_duration(reconnect.cap) + ") >= \"base\" (" +
                      format_duration(reconnect.base) + ")");
  }
  const auto jitter = object.one_of("jitter", Presence::optional, {"none", "full", "equal"});
  if (jitter == "none") reconnect.jitter = Reconnect::Jitter::none;
  if (jitter == "equal") reconnect.jitter = Reconnect::Jitter::equal;
  if (jitter && reconnect.backoff == Reconnect::Backoff::immediate && *jitter != "none") {
    object.report("jitter", "an immediate reconnect has no pause to jitter; use \"backoff\": \"fixed\" or "
                            "\"exponential\"");
  }
  if (reconnect.backoff == Reconnect::Backoff::immediate) reconnect.jitter = Reconnect::Jitter::none;
  if (const auto attempts = object.integer("max_attempts", Presence::optional, 0, kMaxAttempts)) {
    reconnect.max_attempts = static_cast<unsigned>(*attempts);
  }
  return reconnect;
}

void read_path(const ObjectReader& generator, ConnectionLoad& load) {
  if (auto path = generator.string("path", Presence::optional)) {
    if (!path->starts_with('/')) {
      generator.report("path", "expected a path starting with '/', got " + describe_json_value(*path));
    }
    load.path = std::move(*path);
  }
}

void read_client_ramp(const ObjectReader& generator, ConnectionLoad& load) {
  read_clients(generator, "clients", load);
  load.rate_per_s = generator.number("connect_rate", Presence::optional, 0, 1e9).value_or(0);
  read_path(generator, load);
  load.reconnect = read_reconnect(generator);
  load.handshake_timeout = generator.duration("handshake_timeout", Presence::optional, ZeroDuration::rejected)
                               .value_or(load.handshake_timeout);
}

void read_websocket(const ObjectReader& generator, ConnectionLoad& load) {
  read_client_ramp(generator, load);
  load.message = generator.string("message", Presence::optional).value_or("");
  if (generator.has("message") && load.message.empty()) {
    generator.report("message", "expected a non-empty message (leave \"message\" out to send none)");
  }
  if (const auto parts = parse_message_template(load.message); !parts) generator.report("message", parts.error());
  load.message_rate_per_s = generator.number("message_rate", Presence::optional, 0, 1e6).value_or(0);
  if (generator.has("message") && !generator.has("message_rate")) {
    generator.report("message", "a message needs a \"message_rate\": how many each client sends per second");
  }
  if (generator.has("message_rate") && !generator.has("message")) {
    generator.report("message_rate", "a message rate needs a \"message\": what each client sends");
  }
  load.await_replies = generator.boolean("await_replies", Presence::optional).value_or(true);
  load.subscribe = generator.string("subscribe", Presence::optional).value_or("");
  if (load.subscribe.empty() ? generator.has("subscribe") : load.subscribe.find_first_of(" \r\n") != std::string::npos) {
    generator.report("subscribe", "expected a key without spaces or line breaks, got " +
                                      describe_json_value(load.subscribe));
  }
  load.push_timestamps = generator.boolean("push_timestamps", Presence::optional).value_or(false);
  if (generator.has("push_timestamps") && !generator.has("subscribe")) {
    generator.report("push_timestamps", "only meaningful with \"subscribe\" (pushes come to subscribers)");
  }
  load.heartbeat = generator.duration("heartbeat", Presence::optional, ZeroDuration::rejected).value_or(load.heartbeat);
  load.pong_timeout =
      generator.duration("pong_timeout", Presence::optional, ZeroDuration::rejected).value_or(load.pong_timeout);
  if (generator.has("pong_timeout") && !generator.has("heartbeat")) {
    generator.report("pong_timeout", "only meaningful with a \"heartbeat\" (the interval between pings)");
  }
}

void read_sse(const ObjectReader& generator, ConnectionLoad& load) {
  read_client_ramp(generator, load);
  load.idle_timeout =
      generator.duration("idle_timeout", Presence::optional, ZeroDuration::rejected).value_or(load.idle_timeout);
}

}  // namespace

const std::vector<std::string_view>& connection_load_keys(ConnectionLoad::Kind kind) {
  switch (kind) {
    case ConnectionLoad::Kind::tcp: return kTcpKeys;
    case ConnectionLoad::Kind::websocket: return kWebSocketKeys;
    case ConnectionLoad::Kind::sse: return kSseKeys;
  }
  return kTcpKeys;
}

void read_connection_load(const ObjectReader& generator, ConnectionLoad& load) {
  load.connect_timeout = generator.duration("connect_timeout", Presence::optional, ZeroDuration::rejected)
                             .value_or(load.connect_timeout);
  if (const auto sources = generator.integer("source_addresses", Presence::optional, 1, kMaxSourceAddresses)) {
    load.source_addresses = static_cast<unsigned>(*sources);
  }
  switch (load.kind) {
    case ConnectionLoad::Kind::tcp: read_tcp(generator, load); break;
    case ConnectionLoad::Kind::websocket: read_websocket(generator, load); break;
    case ConnectionLoad::Kind::sse: read_sse(generator, load); break;
  }
  if (const auto threads = generator.integer("threads", Presence::optional, 1, kMaxConnections)) {
    load.threads = static_cast<unsigned>(*threads);
    if (load.threads > load.connections) {
      generator.report("threads", "expected at most one thread per " +
                                      std::string(load.kind == ConnectionLoad::Kind::tcp ? "connection" : "client") +
                                      " (" + std::to_string(load.connections) + "), got " +
                                      std::to_string(load.threads));
    }
  }
}

}  // namespace faultline::scenario
