// The connection-level kinds of the "load" array (tcp, websocket, sse): their fields, defaults,
// and the metrics that apply to them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/scenario_parser.h"

namespace faultline::scenario {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

json with_load(const json& load) {
  json scenario = json::parse(R"({
    "name": "storm", "duration": "15s",
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"] }
  })");
  scenario["load"] = load;
  return scenario;
}

Scenario parse(const json& scenario) { return parse_scenario_text(scenario.dump(), "storm.json"); }

std::string first_issue(const json& scenario) {
  try {
    parse(scenario);
  } catch (const ScenarioError& error) {
    return error.issues().front().to_string();
  }
  return "";
}

TEST(ConnectionLoadParser, SplitsTheLoadArrayByKindAndKeepsPositions) {
  const Scenario s = parse(with_load(json::parse(R"([
    { "name": "ws", "kind": "websocket", "clients": 100, "path": "/ws" },
    { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] },
    { "name": "churn", "kind": "tcp", "connections": 8, "rate": 500, "close": "rst" }
  ])")));
  ASSERT_EQ(s.load.size(), 1u);
  EXPECT_EQ(s.load[0].position, 1u);
  ASSERT_EQ(s.connection_load.size(), 2u);
  EXPECT_EQ(s.connection_load[0].kind, ConnectionLoad::Kind::websocket);
  EXPECT_EQ(s.connection_load[0].position, 0u);
  EXPECT_EQ(s.connection_load[0].connections, 100u);
  EXPECT_EQ(s.connection_load[0].path, "/ws");
  EXPECT_EQ(s.connection_load[1].kind, ConnectionLoad::Kind::tcp);
  EXPECT_EQ(s.connection_load[1].position, 2u);
  EXPECT_EQ(s.connection_load[1].rate_per_s, 500);
  EXPECT_TRUE(s.connection_load[1].reset_on_close);
}

TEST(ConnectionLoadParser, DefaultsToCappedExponentialBackoffWithFullJitter) {
  const Scenario s = parse(with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 1 } ])")));
  const Reconnect& r = s.connection_load[0].reconnect;
  EXPECT_EQ(r.backoff, Reconnect::Backoff::exponential);
  EXPECT_EQ(r.base, milliseconds(100));
  EXPECT_EQ(r.cap, seconds(10));
  EXPECT_EQ(r.jitter, Reconnect::Jitter::full);
  EXPECT_EQ(r.max_attempts, 0u);
}

TEST(ConnectionLoadParser, ReadsAFixedPolicy) {
  const Scenario s = parse(with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 1,
    "reconnect": { "backoff": "fixed", "delay": "250ms", "jitter": "equal", "max_attempts": 3 } } ])")));
  const Reconnect& r = s.connection_load[0].reconnect;
  EXPECT_EQ(r.backoff, Reconnect::Backoff::fixed);
  EXPECT_EQ(r.delay, milliseconds(250));
  EXPECT_EQ(r.jitter, Reconnect::Jitter::equal);
  EXPECT_EQ(r.max_attempts, 3u);
}

TEST(ConnectionLoadParser, SseSubscribersTakeAHandshakeAndAnIdleTimeout) {
  const Scenario s = parse(with_load(json::parse(R"([ { "name": "events", "kind": "sse", "clients": 2,
    "path": "/events", "handshake_timeout": "750ms", "idle_timeout": "3s" } ])")));
  EXPECT_EQ(s.connection_load[0].handshake_timeout, milliseconds(750));
  EXPECT_EQ(s.connection_load[0].idle_timeout, seconds(3));
  EXPECT_EQ(first_issue(with_load(json::parse(R"([ { "name": "events", "kind": "sse", "clients": 2,
    "handshake_timeout": "0s" } ])"))).rfind("storm.json: /load/0/handshake_timeout: ", 0), 0u);
}

TEST(ConnectionLoadParser, RejectsACapBelowTheBase) {
  EXPECT_EQ(first_issue(with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 1,
    "reconnect": { "backoff": "exponential", "base": "2s", "cap": "1s" } } ])"))),
            "storm.json: /load/0/reconnect/cap: expected \"cap\" (1s) >= \"base\" (2s)");
}

TEST(ConnectionLoadParser, RejectsMoreThreadsThanClients) {
  EXPECT_EQ(first_issue(with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 2, "threads": 3 } ])"))),
            "storm.json: /load/0/threads: expected at most one thread per client (2), got 3");
}

TEST(ConnectionLoadParser, NamesAreUniqueAcrossKinds) {
  EXPECT_EQ(first_issue(with_load(json::parse(R"([
    { "name": "x", "kind": "tcp", "connections": 1 },
    { "name": "x", "kind": "websocket", "clients": 1 } ])"))),
            "storm.json: /load/1/name: duplicate generator name \"x\" (first used at /load/0/name)");
}

TEST(ConnectionLoadParser, ViaOfAConnectionGeneratorNamesAProxy) {
  EXPECT_EQ(first_issue(with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 1, "via": "edge" } ])"))),
            "storm.json: /load/0/via: no proxy is named \"edge\"");
}

TEST(ConnectionLoadParser, RefusesMetricsOfTheOtherKindOfGenerator) {
  json scenario = with_load(json::parse(R"([ { "name": "ws", "kind": "websocket", "clients": 1 } ])"));
  scenario["expect"] = {"load.ws.p99 < 10ms"};
  EXPECT_NE(first_issue(scenario).find("this scenario cannot produce load.ws.p99: ws is a websocket generator"),
            std::string::npos);
  scenario["expect"] = {"load.ws.round_trip_p99 < 10ms"};
  EXPECT_NE(first_issue(scenario).find("ws times no round trips"), std::string::npos);
  scenario["expect"] = {"load.ws.reconnect_time_p99 < 10s"};
  EXPECT_NE(first_issue(scenario).find("the scenario has no faults to reconnect after"), std::string::npos);
  scenario["expect"] = {"load.ws.connected >= 1 during steady"};
  EXPECT_EQ(first_issue(scenario), "");
}

TEST(ConnectionLoadParser, ListsOnlyTheMetricsOfEachGeneratorsKind) {
  const Scenario s = parse(with_load(json::parse(R"([
    { "name": "ws", "kind": "websocket", "clients": 1 },
    { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ])")));
  const std::vector<std::string> names = concrete_metric_names(s);
  const auto has = [&](const std::string& name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  EXPECT_TRUE(has("load.ws.connect_p99"));
  EXPECT_TRUE(has("load.api.p99"));
  EXPECT_FALSE(has("load.ws.p99"));
  EXPECT_FALSE(has("load.api.connect_p99"));
}

}  // namespace
}  // namespace faultline::scenario
