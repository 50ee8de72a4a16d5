// Reading connection-level generators (kinds tcp, websocket, sse) from result.json: apart from the
// HTTP ones, with their plan, figures, series and reconnect records; forgiving of odd input.
#include <gtest/gtest.h>

#include <cmath>

#include "connection_sample.h"
#include "reports/html/connection_view.h"
#include "reports/html/run_view.h"
#include "reports/html/series_coarsening.h"

namespace faultline::reports::html {
namespace {

TEST(ConnectionView, ReadsConnectionGeneratorsApartFromTheHttpOnes) {
  const RunView run = read_run(testing::connection_result());
  ASSERT_EQ(run.generators.size(), 1u);
  EXPECT_EQ(run.generators[0].name, "api");
  ASSERT_EQ(run.connections.size(), 1u);
  const ConnectionView& ws = run.connections[0];
  EXPECT_EQ(ws.name, "ws");
  EXPECT_EQ(ws.kind, "websocket");
  EXPECT_EQ(ws.connections, 2000);
  EXPECT_EQ(ws.threads, 2);
  EXPECT_EQ(ws.pacing, "starts 1,000 clients/s");
  EXPECT_EQ(ws.reconnect, "exponential backoff 100ms to 5s, full jitter");
}

TEST(ConnectionView, ReadsTheFiguresAfterWarmUp) {
  const ConnectionView ws = read_run(testing::connection_result()).connections[0];
  EXPECT_DOUBLE_EQ(ws.connect_attempts, 4120);
  EXPECT_DOUBLE_EQ(ws.connects, 4000);
  EXPECT_DOUBLE_EQ(ws.reconnects, 2000);
  EXPECT_DOUBLE_EQ(ws.connect_failure_count(), 120);
  EXPECT_DOUBLE_EQ(ws.connect_failures.at("refused"), 100);
  EXPECT_DOUBLE_EQ(ws.disconnect_count(), 2000);
  EXPECT_DOUBLE_EQ(ws.connected, 1998);
  EXPECT_DOUBLE_EQ(ws.connected_peak, 2000);
  EXPECT_DOUBLE_EQ(ws.connect_latency.p99_ms, 3.4);
  ASSERT_TRUE(ws.round_trip);
  EXPECT_DOUBLE_EQ(ws.round_trip->max_ms, 4.2);
  EXPECT_FALSE(ws.delivery);
}

TEST(ConnectionView, ReadsTheSeriesWithGapsWhereNothingWasMeasured) {
  const ConnectionView ws = read_run(testing::connection_result()).connections[0];
  const ConnectionSeries& s = ws.series;
  ASSERT_EQ(s.t_s.size(), 6u);
  EXPECT_EQ(s.connect_attempts_per_s, (std::vector<double>{1000, 1000, 120, 0, 2000, 0}));
  EXPECT_EQ(s.connected, (std::vector<double>{1000, 2000, 0, 0, 2000, 1998}));
  // Only non-zero kinds are written per row: zero where a row lacks one.
  EXPECT_EQ(s.connect_failures.at("refused"), (std::vector<double>{0, 0, 100, 0, 0, 0}));
  EXPECT_EQ(s.disconnects.at("eof"), (std::vector<double>{0, 0, 2000, 0, 0, 0}));
  EXPECT_EQ(s.connect_failures.size(), 2u);
  // No connect established, no round trip: result.json writes null, a gap.
  EXPECT_DOUBLE_EQ(s.connect_p99_ms[1], 2.6);
  EXPECT_TRUE(std::isnan(s.connect_p99_ms[2]));
  EXPECT_TRUE(std::isnan(s.round_trip_p99_ms[3]));
  EXPECT_DOUBLE_EQ(s.round_trip_p99_ms[4], 1.4);
  EXPECT_TRUE(std::isnan(s.delivery_p99_ms[0]));
}

TEST(ConnectionView, ReadsARateMissingFromARowAsAGap) {
  nlohmann::json result = testing::connection_result();
  result["load"]["ws"]["series"][1].erase("connects_per_s");
  const ConnectionSeries s = read_run(result).connections[0].series;
  EXPECT_TRUE(std::isnan(s.connects_per_s[1]));
  EXPECT_DOUBLE_EQ(s.connect_attempts_per_s[1], 1000);
}

TEST(ConnectionView, ReadsTheEventsOfSubscribersAndTheGapsInTheirIds) {
  nlohmann::json figures = testing::connection_generator_figures();
  figures["kind"] = "sse";
  figures["summary"]["pushes"] = 1200;
  figures["summary"]["event_id_gaps"] = 3;
  figures["summary"]["event_ids_skipped"] = 12;
  const ConnectionView c = read_connection_generator("feed", nlohmann::json(), figures, 1);
  EXPECT_TRUE(c.is_sse());
  EXPECT_DOUBLE_EQ(c.events_received, 1200);
  EXPECT_DOUBLE_EQ(c.event_id_gaps, 3);
  EXPECT_DOUBLE_EQ(c.event_ids_skipped, 12);
  // A result from before faultline counted them does not claim none were lost.
  figures["summary"].erase("event_id_gaps");
  EXPECT_TRUE(std::isnan(read_connection_generator("feed", nlohmann::json(), figures, 1).event_id_gaps));
}

TEST(ConnectionView, ReadsTheReconnectRecordsWithNeverAsUnset) {
  const ConnectionView ws = read_run(testing::connection_result()).connections[0];
  ASSERT_EQ(ws.reconnects_by_fault.size(), 1u);
  const ReconnectView& r = ws.reconnects_by_fault[0];
  EXPECT_EQ(r.fault, 0u);
  EXPECT_DOUBLE_EQ(r.clients, 2000);
  EXPECT_DOUBLE_EQ(r.reconnected, 1988);
  EXPECT_EQ(r.p50_s, 2.1);
  EXPECT_FALSE(r.p99_s);
  EXPECT_FALSE(r.all_back_after_end_s);
}

TEST(ConnectionView, LeavesIntervalsBlankWhileTheGeneratorIsNotRunning) {
  nlohmann::json result = testing::connection_result();
  result["scenario"]["load"][1]["start"] = "1s";
  result["scenario"]["load"][1]["for"] = "3s";
  for (const int idle : {0, 4, 5}) {
    result["load"]["ws"]["series"][idle] = {{"t", idle}, {"connect_attempts_per_s", 0}, {"connects_per_s", 0}, {"connected", 0}};
  }
  const ConnectionView ws = read_run(result).connections[0];
  EXPECT_TRUE(std::isnan(ws.series.connects_per_s[0]));
  EXPECT_DOUBLE_EQ(ws.series.connects_per_s[1], 1000);
  EXPECT_DOUBLE_EQ(ws.series.connected[3], 0);
  EXPECT_TRUE(std::isnan(ws.series.connected[4]));
  EXPECT_TRUE(std::isnan(ws.series.disconnects.at("eof")[5]));
  EXPECT_DOUBLE_EQ(ws.series.disconnects.at("eof")[2], 2000);
}

TEST(ConnectionView, KeepsAnIntervalOutsideItsWindowThatRecordedSomething) {
  nlohmann::json result = testing::connection_result();
  result["scenario"]["load"][1]["start"] = "2s";
  // Connects started a moment before the planned start land in the interval before it.
  result["load"]["ws"]["series"][0] = {{"t", 0}, {"connect_attempts_per_s", 0}, {"connects_per_s", 0}, {"connected", 0}};
  result["load"]["ws"]["series"][1] = {{"t", 1}, {"connect_attempts_per_s", 800}, {"connects_per_s", 0}, {"connected", 0}};
  const ConnectionView ws = read_run(result).connections[0];
  EXPECT_TRUE(std::isnan(ws.series.connect_attempts_per_s[0]));
  EXPECT_DOUBLE_EQ(ws.series.connect_attempts_per_s[1], 800);
  EXPECT_DOUBLE_EQ(ws.series.connected[1], 0);
}

TEST(ConnectionView, TellsConnectionGeneratorsByTheirKind) {
  const nlohmann::json none;
  EXPECT_TRUE(is_connection_generator(none, {{"kind", "tcp"}}));
  EXPECT_TRUE(is_connection_generator({{"kind", "sse"}}, none));
  EXPECT_TRUE(is_connection_generator({{"kind", "http"}}, {{"kind", "websocket"}}));
  EXPECT_FALSE(is_connection_generator({{"kind", "http"}}, none));
  // A result from before connection-level generators names no kinds: all HTTP.
  EXPECT_FALSE(is_connection_generator({{"model", "open"}}, {{"model", "open"}}));
}

TEST(ConnectionView, ReadsAGeneratorOnlyTheMeasuredFiguresName) {
  nlohmann::json result = testing::sample_result();
  result["load"]["unplanned"] = testing::connection_generator_figures();
  const RunView run = read_run(result);
  ASSERT_EQ(run.connections.size(), 1u);
  EXPECT_EQ(run.connections[0].name, "unplanned");
  EXPECT_TRUE(run.connections[0].reconnect.empty());
  EXPECT_DOUBLE_EQ(run.connections[0].start_s, 0);
  ASSERT_EQ(run.generators.size(), 1u);
}

TEST(ConnectionView, DescribesTcpChurnAndEveryReconnectPolicy) {
  nlohmann::json tcp = {{"kind", "tcp"}, {"connections", 600}, {"rate", 100}, {"hold", "1s"}};
  ConnectionView c = read_connection_generator("churn", tcp, nlohmann::json(), 1);
  EXPECT_TRUE(c.is_tcp());
  EXPECT_EQ(c.connections, 600);
  EXPECT_EQ(c.pacing, "opens 100 connections/s, holds each 1s");
  EXPECT_TRUE(c.reconnect.empty());
  tcp.erase("rate");
  EXPECT_EQ(read_connection_generator("churn", tcp, nlohmann::json(), 1).pacing, "reopens each slot as soon as it closed, holds each 1s");

  nlohmann::json sse = {{"kind", "sse"}, {"clients", 50}, {"reconnect", {{"backoff", "immediate"}, {"max_attempts", 3}}}};
  c = read_connection_generator("feed", sse, nlohmann::json(), 1);
  EXPECT_EQ(c.pacing, "starts every client at once");
  EXPECT_EQ(c.reconnect, "immediately, gives up after 3 attempts");
  sse["reconnect"] = {{"backoff", "fixed"}, {"delay", "1s"}, {"jitter", "none"}};
  EXPECT_EQ(read_connection_generator("feed", sse, nlohmann::json(), 1).reconnect, "after 1s, no jitter");
}

TEST(ConnectionView, ReadsTheRecordedReconnectPolicyForgivingly) {
  nlohmann::json sse = {{"kind", "sse"}, {"clients", 50}};
  // What cannot be read keeps the scenario format's default (100ms to 10s, never giving up).
  sse["reconnect"] = {{"backoff", "exponential"}, {"base", "soon"}, {"cap", 30}, {"jitter", "equal"}, {"max_attempts", "5"}};
  EXPECT_EQ(read_connection_generator("feed", sse, nlohmann::json(), 1).reconnect, "exponential backoff 100ms to 10s, equal jitter");
  // A backoff this version does not know is shown as written.
  sse["reconnect"] = {{"backoff", "fibonacci"}, {"jitter", "full"}};
  EXPECT_EQ(read_connection_generator("feed", sse, nlohmann::json(), 1).reconnect, "fibonacci");
}

TEST(ConnectionView, ToleratesWrongTypesInEveryField) {
  nlohmann::json result = testing::connection_result();
  nlohmann::json& ws = result["load"]["ws"];
  ws["summary"]["connect_failures"] = "many";
  ws["summary"]["connect_ms"] = 3;
  ws["series"][1] = 7;
  ws["series"][2]["disconnects"] = {{"eof", "lots"}};
  ws["reconnects"][0]["fault"] = -1;
  result["scenario"]["load"][1]["reconnect"] = "sometimes";
  ConnectionView c;
  ASSERT_NO_THROW(c = read_run(result).connections.at(0));
  EXPECT_TRUE(c.connect_failures.empty());
  EXPECT_TRUE(std::isnan(c.connect_latency.p50_ms));
  EXPECT_TRUE(std::isnan(c.series.t_s[1]));
  EXPECT_DOUBLE_EQ(c.series.disconnects.at("eof")[2], 0);
  EXPECT_TRUE(c.reconnects_by_fault.empty());
  EXPECT_TRUE(c.reconnect.empty());
  for (const nlohmann::json& junk : {nlohmann::json(), nlohmann::json(4), nlohmann::json::array({1})}) {
    EXPECT_NO_THROW(read_connection_generator("x", junk, junk, 1)) << junk.dump();
  }
}

TEST(ConnectionView, ExtendsTheTimeAxisToItsLastInterval) {
  nlohmann::json result = testing::minimal_result();
  result["load"]["ws"] = testing::connection_generator_figures();
  result["load"]["ws"]["series"].push_back({{"t", 9}, {"connects", 0}});
  EXPECT_DOUBLE_EQ(read_run(result).time_axis_end_s(), 10);
}

TEST(CoarsenConnectionSeries, AveragesRatesKeepsTheDipAndThePeak) {
  ConnectionSeries s;
  s.t_s = {0, 1, 2, 3};
  s.connect_attempts_per_s = {10, 30, 0, 2000};
  s.connects_per_s = {10, 30, 0, 1000};
  s.connected = {2000, 0, 1000, 2000};
  s.connected_peak = {2000, 2000, 1000, 2000};
  s.connect_p50_ms = {1, NAN, 1, 3};
  s.connect_p99_ms = {2, NAN, 2, 90};
  s.round_trip_p99_ms = {NAN, NAN, NAN, NAN};
  s.delivery_p99_ms = {1, 2, 3, 4};
  s.connect_failures["refused"] = {0, 100, 0, 0};
  s.disconnects["eof"] = {0, 2000, 0, 0};
  const ConnectionSeries coarse = coarsen(s, 2);
  EXPECT_EQ(coarse.t_s, (std::vector<double>{0, 2}));
  EXPECT_EQ(coarse.connect_attempts_per_s, (std::vector<double>{20, 1000}));
  EXPECT_EQ(coarse.connected, (std::vector<double>{0, 1000}));
  EXPECT_EQ(coarse.connected_peak, (std::vector<double>{2000, 2000}));
  EXPECT_EQ(coarse.connect_p99_ms, (std::vector<double>{2, 90}));
  EXPECT_TRUE(std::isnan(coarse.round_trip_p99_ms[0]));
  EXPECT_EQ(coarse.connect_failures.at("refused"), (std::vector<double>{50, 0}));
  EXPECT_EQ(coarse.disconnects.at("eof"), (std::vector<double>{1000, 0}));
}

}  // namespace
}  // namespace faultline::reports::html
