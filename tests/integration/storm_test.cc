// Connection storms end to end: WebSocket clients against kvstore's /ws through faultline's proxy
// with the network down for a second, and TCP churn straight at kvstore. A few hundred
// connections and a few seconds each, so they fit a 2-core CI machine.
#include <sys/resource.h>

#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

json run_storm(const std::string& name, const std::string& scenario_text, int expected_exit = 0) {
  const auto dir = fresh_directory(name);
  const auto scenario = write_file(dir, "s.json", scenario_text);
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string(),
                                         "--html", (dir / "out" / "report.html").string()}, dir);
  EXPECT_EQ(outcome.exit_code, expected_exit) << outcome.out << outcome.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "report.html"));
  return read_json(dir / "out" / "result.json");
}

// Everything a connection generator's series recorded in the intervals starting in [from_s, to_s).
long series_sum(const json& generator, const char* field, double from_s, double to_s) {
  long total = 0;
  for (const json& row : generator["series"]) {
    const double t = row["t"].get<double>();
    if (t >= from_s && t < to_s) total += row[field].get<long>();
  }
  return total;
}

TEST(Storm, WebSocketClientsReconnectAfterTheNetworkComesBack) {
  const json result = run_storm("storm-ws", R"({
    "name": "ws-down", "duration": "6s", "phases": { "warmup": "1s", "baseline_window": "1s", "recovery_window": "1s" },
    "observe": { "interval": "500ms" },
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}", "--max-connections", "1000"],
                "ready": { "http": "/health" } },
    "load": [
      { "name": "naive", "kind": "websocket", "clients": 150, "threads": 1, "via": "proxy", "path": "/ws",
        "message": "echo {seq}", "message_rate": 2, "reconnect": { "backoff": "immediate" } },
      { "name": "polite", "kind": "websocket", "clients": 150, "threads": 1, "via": "proxy", "path": "/ws",
        "reconnect": { "backoff": "exponential", "base": "200ms", "cap": "800ms", "jitter": "full" } } ],
    "faults": [ { "kind": "down", "at": "2s", "for": "1s" } ],
    "expect": [ "load.naive.connected >= 150 during steady", "load.polite.reconnect_time_max < 3s",
                "load.naive.round_trip_p99 < 1s during steady" ] })");
  const json& naive = result["load"]["naive"];
  const json& polite = result["load"]["polite"];
  EXPECT_EQ(naive["kind"], "websocket");
  EXPECT_EQ(naive["summary"]["connected_peak"], 150);
  // Every client lost its connection when the network went down, and came back after it.
  for (const json* g : {&naive, &polite}) {
    const json& record = (*g)["reconnects"][0];
    EXPECT_EQ(record["clients"], 150) << *g;
    EXPECT_EQ(record["reconnected"], 150) << *g;
    EXPECT_GE(record["p50_s"].get<double>(), 0.5);  // at least the rest of the outage
    EXPECT_GE((*g)["summary"]["disconnects"]["eof"].get<long>() + (*g)["summary"]["disconnects"]["reset"].get<long>(),
              150);
  }
  // The herd: the immediate clients tried far more often during the outage than the backing-off ones.
  EXPECT_GT(series_sum(naive, "connect_attempts", 2.0, 3.0), 4 * series_sum(polite, "connect_attempts", 2.0, 3.0));
  EXPECT_GT(naive["summary"]["round_trip_ms"]["p50"].get<double>(), 0.0);
  for (const json& expectation : result["expectations"]) EXPECT_TRUE(expectation["passed"].get<bool>()) << expectation;
}

TEST(Storm, SseSubscribersReconnectAndTimeDeliveriesFromGodash) {
  const json result = run_storm("storm-sse", R"({
    "name": "sse-down", "duration": "5s", "phases": { "warmup": "1s", "baseline_window": "1s", "recovery_window": "1s" },
    "observe": { "interval": "500ms" },
    "target": { "command": ["${FAULTLINE_TARGETS}/godash", "-port", "${port}"], "ready": { "http": "/health" } },
    "load": [
      { "name": "subs", "kind": "sse", "clients": 100, "threads": 1, "via": "proxy", "path": "/events",
        "source_addresses": 3, "reconnect": { "backoff": "fixed", "delay": "200ms", "jitter": "none" } },
      { "name": "pub", "kind": "http", "model": "open", "connections": 2, "threads": 1,
        "stages": [ { "for": "5s", "rate": 20 } ],
        "requests": [ { "method": "POST", "path": "/api/events", "body": "{\"n\": {seq}}" } ] } ],
    "faults": [ { "kind": "down", "at": "2s", "for": "1s" } ],
    "expect": [ "load.subs.reconnect_time_max < 2s", "load.subs.delivery_p99 < 1s during steady" ] })");
  const json& subs = result["load"]["subs"];
  EXPECT_EQ(subs["kind"], "sse");
  EXPECT_EQ(subs["source_addresses"], 3);
  EXPECT_EQ(subs["source_addresses_by"], "scenario");
  EXPECT_EQ(subs["reconnects"][0]["clients"], 100);
  EXPECT_EQ(subs["reconnects"][0]["reconnected"], 100);
  EXPECT_GT(subs["summary"]["pushes"].get<long>(), 1000);  // ~20 events/s to 100 subscribers
  EXPECT_GT(subs["summary"]["delivery_ms"]["p50"].get<double>(), 0.0);
  for (const json& expectation : result["expectations"]) EXPECT_TRUE(expectation["passed"].get<bool>()) << expectation;
}

TEST(Storm, TcpChurnCountsConnectsAndRefusals) {
  const json result = run_storm("storm-tcp", R"({
    "name": "churn", "duration": "3s", "phases": { "warmup": "500ms" }, "observe": { "interval": "500ms" },
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"], "ready": { "http": "/health" } },
    "load": [
      { "name": "churn", "kind": "tcp", "connections": 8, "threads": 1, "rate": 400,
        "send": "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "expect_bytes": 20 },
      { "name": "nowhere", "kind": "tcp", "connections": 2, "threads": 1, "rate": 50, "address": "127.0.0.1:1" } ],
    "expect": [ "load.churn.connects > 500", "load.churn.connect_failure_rate < 1%", "load.nowhere.connects == 0" ] })");
  EXPECT_EQ(result["load"]["churn"]["source_addresses_by"], "kernel");  // 8 connections fit in one address's ports
  const json& churn = result["load"]["churn"]["summary"];
  EXPECT_NEAR(churn["connects_per_s"].get<double>(), 400, 120);
  EXPECT_GT(churn["connect_ms"]["p99"].get<double>(), 0.0);
  EXPECT_GT(result["load"]["nowhere"]["summary"]["connect_failures"]["refused"].get<long>(), 50);
  for (const json& expectation : result["expectations"]) EXPECT_TRUE(expectation["passed"].get<bool>()) << expectation;
}

TEST(Storm, RefusesMoreConnectionsThanDescriptorsWithExit3) {
  // faultline inherits this limit and cannot raise its hard part (ctest runs each test in its own
  // process; 2048 still leaves the other tests of this binary what they need).
  const ::rlimit limit{2048, 2048};
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
  const auto dir = fresh_directory("storm-fds");
  const auto scenario = write_file(dir, "s.json", R"({
    "name": "too-many", "duration": "2s",
    "target": { "address": "127.0.0.1:1" },
    "load": [ { "name": "ws", "kind": "websocket", "clients": 5000, "path": "/ws" } ] })");
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 3) << outcome.out << outcome.err;
  EXPECT_NE(outcome.err.find("the run's connections hold 5000 descriptors"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("s.json"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace faultline::testing
