// The terminal renderers: number formats, the progress line and the end-of-run summary.
#include <gtest/gtest.h>

#include <sstream>

#include "reports/terminal/number_format.h"
#include "reports/terminal/progress.h"
#include "reports/terminal/summary.h"

namespace faultline::reports {
namespace {

TEST(NumberFormat, GroupsThousands) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(1000), "1,000");
  EXPECT_EQ(with_thousands(123456), "123,456");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

TEST(NumberFormat, LatencyPrecisionFollowsMagnitude) {
  EXPECT_EQ(format_ms(0.1812), "0.181ms");
  EXPECT_EQ(format_ms(12.34), "12.3ms");
  EXPECT_EQ(format_ms(250.4), "250ms");
  EXPECT_EQ(format_ms(1520), "1.52s");
}

TEST(NumberFormat, RatesAndPercentages) {
  EXPECT_EQ(format_rate(41203.2), "41,203/s");
  EXPECT_EQ(format_rate(9.5), "9.5/s");
  EXPECT_EQ(format_rate(120, " conn/s"), "120 conn/s");
  EXPECT_EQ(format_rate(2.5, " conn/s"), "2.5 conn/s");
  EXPECT_EQ(format_percent(0.00051), "0.05%");
}

TEST(NumberFormat, SecondsAndPercentiles) {
  EXPECT_EQ(format_seconds(5.21), "5.2s");
  EXPECT_EQ(format_percentiles({0.1812, 0.4, 12.34, 20.1, 1520}), "p50 0.181ms   p90 0.400ms   p99 12.3ms   p99.9 20.1ms   max 1.52s");
}

engine::GeneratorInterval interval(const std::string& name, double rps, double p99_ms) {
  engine::GeneratorInterval g;
  g.generator = name;
  g.summary.throughput_rps = rps;
  g.summary.latency.p99_ms = p99_ms;
  g.summary.span_s = 1.0;
  return g;
}

TEST(ProgressLine, PlainModePrintsOnlyEveryFewSeconds) {
  std::ostringstream out;
  ProgressLine progress(out, false, 10.0, 5.0);
  for (int t = 0; t < 10; ++t) progress.on_interval(t, {interval("api", 1000, 1.5)});
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_NE(text.find("[  5.0s/10.0s]  api 1,000/s p99 1.500ms err 0"), std::string::npos) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST(ProgressLine, TerminalModeRewritesOneLine) {
  std::ostringstream out;
  ProgressLine progress(out, true, 3.0);
  progress.on_interval(0, {interval("api", 10, 1)});
  progress.on_interval(1, {interval("api", 10, 1)});
  progress.on_load_stopped();
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 0);
  EXPECT_NE(text.find("\r\033[K"), std::string::npos);
}

engine::GeneratorInterval connection_interval(const std::string& name, std::uint64_t connected, double connects_per_s) {
  engine::GeneratorInterval g;
  g.generator = name;
  result::ConnectionSummary s;
  s.connected = connected;
  s.connects_per_s = connects_per_s;
  s.span_s = 1.0;
  g.connection = s;
  return g;
}

TEST(ProgressLine, ShowsAConnectionGeneratorsClientsConnectsAndFailures) {
  engine::GeneratorInterval ws = connection_interval("ws", 1998, 120);
  ws.connection->counts.add_connect_failure(load::ConnectionError::refused);
  ws.connection->counts.add_connect_failure(load::ConnectionError::timeout);
  ws.connection->counts.add_connect_failure(load::ConnectionError::timeout);
  EXPECT_EQ(progress_text(3, 10, {interval("api", 1000, 1.5), ws}),
            "[  3.0s/10.0s]  api 1,000/s p99 1.500ms err 0  ws 1,998 conn 120 conn/s fail 3");
  ws.connection->counts.add_disconnect(load::ConnectionError::eof);
  EXPECT_EQ(progress_text(3, 10, {ws}), "[  3.0s/10.0s]  ws 1,998 conn 120 conn/s fail 3 lost 1");
}

TEST(ProgressLine, CountsElapsedTimeFromAConnectionGeneratorsInterval) {
  std::ostringstream out;
  ProgressLine progress(out, false, 10.0, 5.0);
  for (int t = 0; t < 10; ++t) progress.on_interval(t, {connection_interval("ws", 10, 2.5)});
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_NE(text.find("[  5.0s/10.0s]  ws 10 conn 2.5 conn/s fail 0\n"), std::string::npos) << text;
}

TEST(Summary, NamesEveryGeneratorTheVerdictAndTheResultPath) {
  result::RunResult r;
  r.scenario.name = "demo";
  r.duration_s = 5;
  r.target.mode = "spawned";
  r.target.address = "127.0.0.1:1234";
  result::GeneratorResult g;
  g.name = "api";
  g.model = "open";
  g.summary.counts.ok = 10;
  g.summary.counts.errors[static_cast<std::size_t>(load::ErrorClass::timeout)] = 2;
  r.load.push_back(g);
  r.verdict = result::Verdict::fail;
  r.reasons.push_back("the target exited unexpectedly at 1.0s");
  std::ostringstream out;
  print_summary(out, r, "runs/demo/result.json");
  const std::string text = out.str();
  EXPECT_NE(text.find("api  (open model"), std::string::npos) << text;
  EXPECT_NE(text.find("timeout 2"), std::string::npos) << text;
  EXPECT_NE(text.find("schedule  late 0"), std::string::npos) << text;
  EXPECT_NE(text.find("verdict: fail"), std::string::npos) << text;
  EXPECT_NE(text.find("the target exited unexpectedly"), std::string::npos) << text;
  EXPECT_NE(text.find("result:  runs/demo/result.json"), std::string::npos) << text;
}

TEST(Summary, ListsEveryExpectationOkOrFailBeforeTheVerdict) {
  result::RunResult r;
  r.expectations.push_back({"load.api.p99 < 250ms during steady", "load.api.p99", "during steady", true, 3.2, "ms",
                            "3.2ms", "load.api.p99 during steady = 3.2ms < 250ms (median of 10 intervals in 5.0s..15.0s)"});
  r.expectations.push_back({"recovery.time_to_recover < 5s", "recovery.time_to_recover", "", false, std::nullopt, "s", "",
                            "recovery.time_to_recover: not observed (fault 1 never recovered), expected < 5s"});
  std::ostringstream out;
  print_summary(out, r, "result.json");
  const std::string text = out.str();
  EXPECT_NE(text.find("  expectations (1 of 2 held)\n"
                      "    ok    load.api.p99 during steady = 3.2ms < 250ms (median of 10 intervals in 5.0s..15.0s)\n"
                      "    FAIL  recovery.time_to_recover: not observed (fault 1 never recovered), expected < 5s\n"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("expectations ("), text.find("verdict:"));
}

TEST(Summary, SaysNothingAboutExpectationsWhenThereAreNone) {
  std::ostringstream out;
  print_summary(out, result::RunResult{}, "result.json");
  EXPECT_EQ(out.str().find("expectations"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace faultline::reports
