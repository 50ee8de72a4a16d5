// The report's section for each connection-level generator: its charts on the shared time axis
// with the fault shaded, its figures and reconnect table as text, hostile names inert, and the
// rest of the report aware of it (contents, timeline, headline) without drawing it as HTTP.
#include <gtest/gtest.h>

#include "connection_sample.h"
#include "reports/html/connection_charts.h"
#include "reports/html/report_page.h"
#include "tests/unit/text_search.h"

namespace faultline::reports::html {
namespace {

std::string section(const RunView& run) { return render_connection_charts(run, nullptr, make_timeline(run)); }

TEST(ConnectionCharts, DrawsEveryChartOfAGeneratorInItsOwnSection) {
  const std::string html = section(read_run(testing::connection_result()));
  EXPECT_TRUE(html.starts_with("<section id=\"connections-0\" class=\"connections\"><h2>Connections — ws"));
  for (const char* id : {"chart-connects-0", "chart-connected-0", "chart-connect-failures-0", "chart-disconnects-0", "chart-connection-latency-0"}) {
    EXPECT_TRUE(contains(html, std::string("<figure class=\"chart\" id=\"") + id + "\"")) << id;
  }
  EXPECT_EQ(count(html, "<figure class=\"chart\""), count(html, "<table class=\"key-numbers\">"));
  EXPECT_TRUE(contains(html, "Connects per second for ws"));
  EXPECT_TRUE(contains(html, "round trip p99"));
  EXPECT_FALSE(contains(html, "delivery p99"));
  EXPECT_FALSE(contains(html, "No connect failed"));
}

TEST(ConnectionCharts, ShadesTheFaultAndSharesTheTimeAxisOfTheOtherCharts) {
  const RunView run = read_run(testing::connection_result());
  const std::string html = section(run);
  // Connects (linear and log), connected, failures, lost, latency (linear and log).
  EXPECT_EQ(count(html, "<g class=\"band fault\">"), 7u);
  EXPECT_TRUE(contains(html, "#1 latency:latency=200ms"));
  EXPECT_EQ(count(html, "class=\"marker event\""), 7u);
  EXPECT_EQ(count(html, "data-x-highest=\"6\""), 7u);
}

TEST(ConnectionCharts, DrawsTheBaselinesGeneratorOfTheSameNameDashed) {
  const RunView run = read_run(testing::connection_result());
  const std::string html = render_connection_charts(run, &run, make_timeline(run));
  for (const char* label : {"attempted (baseline)", "established (baseline)", "at the interval's end (baseline)",
                            "connect p99 (baseline)", "round trip p99 (baseline)"}) {
    EXPECT_TRUE(contains(html, label)) << label;
  }
  // Not the p50 beside its p99, nor the peak beside the level: they would crowd the run's own.
  EXPECT_FALSE(contains(html, "connect p50 (baseline)"));
  EXPECT_FALSE(contains(html, "peak during it (baseline)"));
  EXPECT_GT(count(html, "class=\"line dashed\""), 0u);
  EXPECT_FALSE(contains(section(run), "(baseline)"));
  EXPECT_EQ(count(section(run), "class=\"line dashed\""), 0u);
  RunView other = run;
  other.connections[0].name = "elsewhere";
  EXPECT_FALSE(contains(render_connection_charts(run, &other, make_timeline(run)), "(baseline)"));
}

TEST(ConnectionCharts, ShowsTheStormAsKeyNumbers) {
  const std::string html = section(read_run(testing::connection_result()));
  // The median of connect attempts per second during the fault, and the reconnect spike.
  EXPECT_TRUE(contains(html, "<td>2,000/s</td>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">refused</th>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">eof</th>"));
  EXPECT_TRUE(contains(html, "<td>61.0ms</td>"));
}

TEST(ConnectionCharts, ListsTheGeneratorsFiguresAndPolicy) {
  const std::string html = section(read_run(testing::connection_result()));
  EXPECT_TRUE(contains(html, "<dt>clients</dt><dd>2,000 on 2 threads</dd>"));
  EXPECT_TRUE(contains(html, "<dt>reconnect</dt><dd>exponential backoff 100ms to 5s, full jitter</dd>"));
  EXPECT_TRUE(contains(html, "4,120 attempted (824/s), 4,000 established (800/s), 2,000 of them reconnects"));
  EXPECT_TRUE(contains(html, "<dt>connect failures</dt><dd>120 (2.91%): refused 100, timeout 20</dd>"));
  EXPECT_TRUE(contains(html, "<dt>lost</dt><dd>2,000: eof 2,000</dd>"));
  EXPECT_TRUE(contains(html, "<dd>1,998 at the end, peak 2,000</dd>"));
  EXPECT_TRUE(contains(html, "<dt>round trip</dt><dd>p50 0.300ms · p99 0.900ms · max 4.200ms</dd>"));
  EXPECT_FALSE(contains(html, "<dt>delivery</dt>"));
}

TEST(ConnectionCharts, TablesHowTheClientsCameBackAfterEachFaultSayingNever) {
  nlohmann::json result = testing::connection_result();
  const std::string never = section(read_run(result));
  EXPECT_TRUE(contains(never, "<th scope=\"row\">#1 latency:latency=200ms</th><td>2,000</td><td>1,988</td><td>2.1s</td><td>never</td>"
                              "<td>never</td><td>never</td></tr>"));
  EXPECT_TRUE(contains(never, "never: the client at that rank had not connected again"));
  result["load"]["ws"]["reconnects"][0] = {{"fault", 0}, {"clients", 2000}, {"reconnected", 2000}, {"p50_s", 5.2}, {"p99_s", 5.9},
                                           {"max_s", 6.1}, {"all_back_after_end_s", 0.9}};
  const std::string all_back = section(read_run(result));
  EXPECT_TRUE(contains(all_back, "<td>5.2s</td><td>5.9s</td><td>6.1s</td><td>0.9s after it ended</td>"));
  EXPECT_FALSE(contains(all_back, "never"));
  result["load"]["ws"]["reconnects"][0] = {{"fault", 0}, {"clients", 0}, {"reconnected", 0}, {"p50_s", nullptr}, {"p99_s", nullptr},
                                           {"max_s", nullptr}, {"all_back_after_end_s", nullptr}};
  result["load"]["ws"]["outages_not_kept"] = 7;
  const std::string none_lost = section(read_run(result));
  EXPECT_TRUE(contains(none_lost, "no client lost its connection"));
  EXPECT_TRUE(contains(none_lost, "7 more losses went beyond faultline&#39;s bound on recorded outages: counted, not timed."));
  result["load"]["ws"]["reconnects"] = nlohmann::json::array();
  EXPECT_FALSE(contains(section(read_run(result)), "class=\"data reconnects\""));
}

TEST(ConnectionCharts, LeavesTheReconnectsUnknownWhenTheRecordDoesNotSayHowManyWereLost) {
  nlohmann::json result = testing::connection_result();
  result["load"]["ws"]["reconnects"][0].erase("clients");
  const std::string html = section(read_run(result));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">#1 latency:latency=200ms</th><td>–</td><td>1,988</td><td>–</td><td>–</td><td>–</td>"
                             "<td>–</td></tr>"));
  EXPECT_FALSE(contains(html, "no client lost its connection"));
}

TEST(ConnectionCharts, ListsTheEventsOfSubscribersAndTheGapsInTheirIds) {
  nlohmann::json result = testing::connection_result();
  EXPECT_FALSE(contains(section(read_run(result)), "<dt>events</dt>"));
  result["scenario"]["load"][1]["kind"] = "sse";
  result["load"]["ws"]["kind"] = "sse";
  result["load"]["ws"]["summary"]["pushes"] = 1200;
  result["load"]["ws"]["summary"]["event_id_gaps"] = 3;
  result["load"]["ws"]["summary"]["event_ids_skipped"] = 12;
  EXPECT_TRUE(contains(section(read_run(result)), "<dt>events</dt><dd>1,200 received, id gaps 3 (12 ids skipped)</dd>"));
}

TEST(ConnectionCharts, ListsTheSourceAddressesFaultlineSpreadTheConnectionsOver) {
  nlohmann::json result = testing::connection_result();
  EXPECT_FALSE(contains(section(read_run(result)), "<dt>source addresses</dt>"));
  result["load"]["ws"]["source_addresses"] = 3;
  result["load"]["ws"]["source_addresses_by"] = "faultline";
  EXPECT_TRUE(contains(section(read_run(result)),
                       "<dt>source addresses</dt><dd>127.0.0.1 .. 127.0.0.3, spread by faultline: one address&#39;s "
                       "ephemeral ports would not hold every connection</dd>"));
}

TEST(ConnectionCharts, SaysSoInsteadOfDrawingFailuresThatNeverHappened) {
  nlohmann::json result = testing::connection_result();
  for (nlohmann::json& row : result["load"]["ws"]["series"]) {
    row["connect_failures"] = nlohmann::json::object();
    row["disconnects"] = nlohmann::json::object();
  }
  const std::string html = section(read_run(result));
  EXPECT_FALSE(contains(html, "chart-connect-failures-0"));
  EXPECT_FALSE(contains(html, "chart-disconnects-0"));
  EXPECT_TRUE(contains(html, "No connect failed in any interval."));
  EXPECT_TRUE(contains(html, "No established connection was lost in any interval."));
}

TEST(ConnectionCharts, DrawsDeliveryLatencyWhenMeasured) {
  nlohmann::json result = testing::connection_result();
  result["load"]["ws"]["series"][4]["delivery_p99_ms"] = 12.5;
  EXPECT_TRUE(contains(section(read_run(result)), "delivery p99"));
}

TEST(ConnectionCharts, NamesTcpConnectionsNotClients) {
  nlohmann::json result = testing::connection_result();
  result["scenario"]["load"][1] = {{"name", "ws"}, {"kind", "tcp"}, {"connections", 600}, {"hold", "1s"}};
  result["load"]["ws"]["kind"] = "tcp";
  const std::string html = section(read_run(result));
  EXPECT_TRUE(contains(html, "Connections open — ws"));
  EXPECT_TRUE(contains(html, "How the connections that lost"));
  EXPECT_FALSE(contains(html, "<dt>gave up</dt>"));
  EXPECT_FALSE(contains(html, "<dt>reconnect</dt>"));
}

TEST(ConnectionCharts, EmptyWithoutConnectionGenerators) { EXPECT_EQ(section(read_run(testing::sample_result())), ""); }

TEST(ReportPageWithConnections, LinksEachSectionAndDrawsTheGeneratorNowhereAsHttp) {
  const std::string html = render_report(testing::connection_result());
  EXPECT_TRUE(contains(html, "<a href=\"#connections-0\">Connections</a>"));
  EXPECT_FALSE(contains(html, "<section id=\"connections\">"));
  EXPECT_LT(html.find("<section id=\"load\">"), html.find("<section id=\"connections-0\""));
  EXPECT_LT(html.find("<section id=\"connections-0\""), html.find("<section id=\"target-resources\">"));
  EXPECT_TRUE(contains(html, "load ws (websocket)"));
  EXPECT_TRUE(contains(html, "2 load generators"));
  EXPECT_TRUE(contains(html, "4,120 connects · 2.91% failed"));
  EXPECT_FALSE(contains(html, "Latency percentiles for ws"));
  EXPECT_FALSE(contains(html, "Errors by class for ws"));
  EXPECT_FALSE(contains(html, "<th scope=\"row\">ws</th>"));
}

TEST(ReportPageWithConnections, DrawsSeveralGeneratorsSideBySideFirst) {
  nlohmann::json result = testing::connection_result();
  nlohmann::json naive = testing::connection_generator_plan();
  naive["name"] = "naive";
  naive["reconnect"] = {{"backoff", "immediate"}};
  result["scenario"]["load"].push_back(naive);
  result["load"]["naive"] = testing::connection_generator_figures();
  result["load"]["naive"]["series"][2]["connect_attempts_per_s"] = 31352;
  const std::string html = render_report(result);
  EXPECT_TRUE(contains(html, "<a href=\"#connections\">Connections</a>"));
  const std::size_t overview = html.find("<section id=\"connections\">");
  ASSERT_NE(overview, std::string::npos);
  EXPECT_LT(overview, html.find("<section id=\"connections-0\""));
  EXPECT_LT(html.find("<section id=\"connections-0\""), html.find("<section id=\"connections-1\""));
  EXPECT_TRUE(contains(html, "<a href=\"#connections-1\">naive</a>"));
  EXPECT_TRUE(contains(html, "id=\"chart-connect-attempts\""));
  EXPECT_TRUE(contains(html, "id=\"chart-open-connections\""));
  // The naive generator's herd, beside the other's 120 attempts/s in the same interval.
  EXPECT_TRUE(contains(html, "<td>31,352/s</td>"));
  EXPECT_TRUE(contains(html, "<dt>reconnect</dt><dd>immediately</dd>"));
}

TEST(ReportPageWithConnections, SaysSoWhenNoHttpGeneratorRan) {
  nlohmann::json result = testing::connection_result();
  result["scenario"]["load"].erase(0);
  result["load"].erase("api");
  const std::string html = render_report(result);
  EXPECT_TRUE(contains(html, "No HTTP load generator ran"));
  EXPECT_TRUE(contains(html, "id=\"chart-connects-0\""));
  EXPECT_FALSE(contains(html, " requests · "));
}

TEST(ReportPageWithConnections, HostileGeneratorNameRendersInert) {
  const std::string attack = "</script><img src=x onerror=alert(1)>";
  nlohmann::json result = testing::connection_result();
  result["scenario"]["load"][1]["name"] = attack;
  result["scenario"]["load"][1]["kind"] = attack;
  result["load"][attack] = result["load"]["ws"];
  result["load"][attack]["kind"] = "websocket";
  result["load"].erase("ws");
  result["scenario"]["load"][1]["reconnect"]["backoff"] = attack;
  const std::string html = render_report(result);
  EXPECT_TRUE(contains(html, "id=\"chart-connects-0\""));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_TRUE(contains(html, "Connections — &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_EQ(count(html, "</script>"), count(html, "<script"));
  EXPECT_EQ(count(html, "<script>"), 1u);
}

TEST(ReportPageWithConnections, StaysBoundedForATenMinuteStormAtAQuarterSecond) {
  nlohmann::json result = testing::connection_result();
  result["run"]["duration_s"] = 600.0;
  result["intervals_s"] = 0.25;
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < 2400; ++i) {
    nlohmann::json row = result["load"]["ws"]["series"][i % 6];
    row["t"] = i * 0.25;
    rows.push_back(row);
  }
  result["load"]["ws"]["series"] = rows;
  const std::string html = section(read_run(result));
  EXPECT_TRUE(contains(html, "each point: 4 intervals of 0.25s"));
  EXPECT_LT(html.size(), 1'000'000u);
}

}  // namespace
}  // namespace faultline::reports::html
