// The terminal's lines for a connection-level generator: its figures in the end-of-run summary,
// each fault's reconnect line (saying "never" where clients did not come back) and its policy.
#include <gtest/gtest.h>

#include <sstream>

#include "reports/terminal/connection_generator_summary.h"
#include "reports/terminal/summary.h"
#include "tests/unit/text_search.h"

namespace faultline::reports {
namespace {

void count_error(std::array<std::uint64_t, load::kConnectionErrorCount>& counts, load::ConnectionError error, std::uint64_t n) {
  counts[static_cast<std::size_t>(error)] = n;
}

result::ConnectionGeneratorResult websocket_storm() {
  result::ConnectionGeneratorResult g;
  g.name = "ws";
  g.kind = "websocket";
  g.threads = 2;
  g.connections = 2000;
  result::ConnectionSummary& s = g.summary;
  s.span_s = 10;
  s.counts.connect_attempts = 4120;
  s.counts.connects = 4000;
  s.counts.reconnects = 2000;
  count_error(s.counts.connect_failures, load::ConnectionError::refused, 100);
  count_error(s.counts.connect_failures, load::ConnectionError::timeout, 20);
  count_error(s.counts.disconnects, load::ConnectionError::eof, 2000);
  s.counts.gave_up = 1;
  s.connected = 1998;
  s.connected_peak = 2000;
  s.connect_attempts_per_s = 412;
  s.connects_per_s = 400;
  s.connect_failure_rate = 120.0 / 4120;
  s.connect_latency = {1.2, 2.0, 3.4, 8.0, 9.1};
  s.round_trip = {0.3, 0.5, 0.9, 2.0, 4.2};
  s.round_trips = 9000;
  s.counts.messages_sent = 9000;
  s.counts.messages_received = 9000;
  s.counts.replies_matched = 9000;
  result::ReconnectRecord fault;
  fault.fault = 0;
  fault.clients = 2000;
  fault.reconnected = 2000;
  fault.p50_s = 5.2;
  fault.p99_s = 5.9;
  fault.max_s = 6.1;
  fault.all_back_after_end_s = 0.9;
  g.reconnects.push_back(fault);
  return g;
}

scenario::Scenario scenario_with(const result::ConnectionGeneratorResult& g, scenario::Reconnect reconnect) {
  scenario::Scenario scenario;
  scenario::ConnectionLoad load;
  load.name = g.name;
  load.kind = g.kind == "tcp" ? scenario::ConnectionLoad::Kind::tcp : scenario::ConnectionLoad::Kind::websocket;
  load.reconnect = reconnect;
  scenario.connection_load.push_back(load);
  return scenario;
}

std::string printed(const result::ConnectionGeneratorResult& g, const scenario::Scenario& scenario) {
  std::ostringstream out;
  print_connection_generator(out, g, scenario);
  return out.str();
}

TEST(ConnectionGeneratorSummary, PrintsConnectsFailuresLossesLatencyAndEachFault) {
  const result::ConnectionGeneratorResult g = websocket_storm();
  EXPECT_EQ(printed(g, scenario_with(g, {})),
            "  ws  (websocket, 2,000 clients, 2 threads, measured 10.0s)\n"
            "    reconnect  exponential backoff 100ms to 10s, full jitter\n"
            "    connects   4,120 attempted (412/s), 4,000 made (400/s), 2,000 of them reconnects; failed 120 (2.91%): refused 100, timeout 20\n"
            "    connected  1,998 at the end, peak 2,000; lost 2,000: eof 2,000; closed 0; gave up 1\n"
            "    connect    p50 1.200ms   p90 2.000ms   p99 3.400ms   p99.9 8.000ms   max 9.100ms\n"
            "    round trip p50 0.300ms   p90 0.500ms   p99 0.900ms   p99.9 2.000ms   max 4.200ms\n"
            "    messages   sent 9,000, received 9,000 (replies 9,000, pushes 0)\n"
            "    fault 1: 2,000 clients lost their connection, 2,000 back; reconnect p50 5.2s p99 5.9s max 6.1s; all back 0.9s after the fault ended\n");
}

TEST(ConnectionGeneratorSummary, SaysWhenNoConnectionWasEverEstablished) {
  result::ConnectionGeneratorResult g = websocket_storm();
  g.summary.counts.connects = 0;
  g.summary.round_trips = 0;
  g.summary.counts.messages_sent = g.summary.counts.messages_received = 0;
  const std::string text = printed(g, scenario::Scenario{});
  EXPECT_TRUE(contains(text, "    connect    no connection established while measured\n")) << text;
  EXPECT_FALSE(contains(text, "round trip")) << text;
  EXPECT_FALSE(contains(text, "messages")) << text;
  // Without the scenario's entry the policy is not known, so not printed.
  EXPECT_FALSE(contains(text, "reconnect  ")) << text;
}

TEST(ConnectionGeneratorSummary, PrintsDeliveryLatencyAndLostEventsOfSubscribers) {
  result::ConnectionGeneratorResult g = websocket_storm();
  g.kind = "sse";
  g.summary.round_trips = 0;
  g.summary.delivery = {4, 5, 6, 7, 8};
  g.summary.deliveries = 100;
  g.summary.counts.messages_sent = 0;
  g.summary.counts.replies_matched = 0;
  g.summary.counts.messages_received = g.summary.counts.pushes_received = 1200;
  g.summary.counts.event_id_gaps = 3;
  g.summary.counts.event_ids_skipped = 12;
  const std::string text = printed(g, scenario::Scenario{});
  EXPECT_TRUE(contains(text, "    delivery   p50 4.000ms")) << text;
  EXPECT_TRUE(contains(text, "    events     1,200 received, id gaps 3 (12 ids skipped)\n")) << text;
  // Sent and replies mean nothing to a subscriber: its messages are the events.
  EXPECT_FALSE(contains(text, "messages")) << text;
}

TEST(ConnectionGeneratorSummary, SaysSoWhenASubscriberLostNoEvent) {
  result::ConnectionGeneratorResult g = websocket_storm();
  g.kind = "sse";
  g.summary.counts.pushes_received = 40;
  EXPECT_TRUE(contains(printed(g, scenario::Scenario{}), "    events     40 received, id gaps 0 (0 ids skipped)\n"));
  g.kind = "websocket";
  EXPECT_FALSE(contains(printed(g, scenario::Scenario{}), "events"));
}

TEST(ConnectionGeneratorSummary, NamesTcpConnectionsAndSkippedConnects) {
  result::ConnectionGeneratorResult g = websocket_storm();
  g.kind = "tcp";
  g.threads = 1;
  g.summary.counts.connects_skipped = 12;
  const std::string text = printed(g, scenario_with(g, {}));
  EXPECT_TRUE(contains(text, "  ws  (tcp, 2,000 connections, 1 thread, measured 10.0s)\n")) << text;
  g.connections = 1;
  EXPECT_TRUE(printed(g, scenario::Scenario{}).starts_with("  ws  (tcp, 1 connection, 1 thread,"));
  EXPECT_TRUE(contains(text, ", 12 skipped with every slot busy;")) << text;
  EXPECT_TRUE(contains(text, "fault 1: 2,000 connections were lost, 2,000 reopened;")) << text;
  EXPECT_FALSE(contains(text, "gave up")) << text;
  EXPECT_FALSE(contains(text, "reconnect  ")) << text;
}

TEST(ConnectionGeneratorSummary, SaysWhereConnectionsLeftFromWhenNotTheKernelsChoice) {
  result::ConnectionGeneratorResult g = websocket_storm();
  EXPECT_FALSE(contains(printed(g, scenario::Scenario{}), "sources"));
  g.source_addresses = 4;
  EXPECT_TRUE(contains(printed(g, scenario::Scenario{}), "    sources    127.0.0.1 .. 127.0.0.4\n"));
  g.source_addresses_spread_by_faultline = true;
  EXPECT_TRUE(contains(printed(g, scenario::Scenario{}),
                       "    sources    127.0.0.1 .. 127.0.0.4, spread by faultline: one address's ephemeral ports would "
                       "not hold every connection\n"));
}

TEST(ConnectionGeneratorSummary, SaysHowManyLossesWereCountedButNotTimed) {
  result::ConnectionGeneratorResult g = websocket_storm();
  g.outages_not_kept = 7;
  EXPECT_TRUE(contains(printed(g, scenario::Scenario{}), "(7 more losses beyond the bound on recorded outages: counted, not timed)"));
}

TEST(ReconnectLine, SaysNeverForClientsThatDidNotComeBack) {
  result::ReconnectRecord r;
  r.fault = 1;
  r.clients = 2000;
  r.reconnected = 1988;
  r.p50_s = 2.1;
  EXPECT_EQ(reconnect_line(r, false),
            "fault 2: 2,000 clients lost their connection, 1,988 back; reconnect p50 2.1s p99 never max never; never all back (12 never reconnected)");
}

TEST(ReconnectLine, SaysAllBackBeforeTheEndAndNoLossAtAll) {
  result::ReconnectRecord r;
  r.clients = 3;
  r.reconnected = 3;
  r.p50_s = r.p99_s = r.max_s = 0.2;
  r.all_back_after_end_s = 0.0;
  EXPECT_TRUE(reconnect_line(r, false).ends_with("; all back before the fault ended"));
  EXPECT_EQ(reconnect_line(result::ReconnectRecord{}, false), "fault 1: no client lost its connection");
  EXPECT_EQ(reconnect_line(result::ReconnectRecord{}, true), "fault 1: no connection was lost");
}

TEST(Summary, PrintsConnectionGeneratorsAfterTheHttpOnes) {
  result::RunResult r;
  r.scenario.phases.warmup = std::chrono::seconds(1);
  result::GeneratorResult api;
  api.name = "api";
  api.model = "closed";
  r.load.push_back(api);
  r.connections.push_back(websocket_storm());
  r.scenario.connection_load = scenario_with(r.connections[0], {}).connection_load;
  std::ostringstream out;
  print_summary(out, r, "result.json");
  const std::string text = out.str();
  const std::size_t http = text.find("  api  (closed model");
  const std::size_t ws = text.find("  ws  (websocket, 2,000 clients, 2 threads, measured 10.0s after 1s warm-up)\n");
  ASSERT_NE(http, std::string::npos) << text;
  ASSERT_NE(ws, std::string::npos) << text;
  EXPECT_LT(http, ws);
  EXPECT_LT(ws, text.find("verdict:"));
}

}  // namespace
}  // namespace faultline::reports
