// Network faults end to end: kvstore behind faultline's proxy, toxics on the timeline, the
// effect on real traffic in result.json, and the report of that result.
#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

std::string proxied_scenario(const std::string& fault) {
  return R"({
    "name": "net", "duration": "4s",
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"], "ready": { "http": "/health" } },
    "load": [ { "name": "api", "kind": "http", "model": "open", "via": "proxy", "connections": 64, "threads": 1,
                "timeout": "1s", "stages": [ { "for": "4s", "rate": 200 } ],
                "requests": [ { "path": "/counter" } ] } ],
    "faults": [ )" + fault + R"( ] })";
}

json run_scenario(const std::string& name, const std::string& fault) {
  const auto dir = fresh_directory(name);
  const auto scenario = write_file(dir, "s.json", proxied_scenario(fault));
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string(),
                                         "--html", (dir / "out" / "report.html").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "report.html"));
  return read_json(dir / "out" / "result.json");
}

TEST(NetworkFault, LatencyShiftsMedianDuringTheFaultWindowOnly) {
  const json result = run_scenario("net-latency", R"({ "kind": "latency", "at": "1s", "for": "2s", "latency": "100ms" })");
  const json& fault = result["faults"][0];
  EXPECT_EQ(fault["spec"], "latency:latency=100ms");
  EXPECT_NEAR(fault["actual"]["start"].get<double>(), 1.0, 0.1);
  EXPECT_NEAR(fault["actual"]["end"].get<double>(), 3.0, 0.1);
  const json& series = result["load"]["api"]["series"];
  EXPECT_LT(series[0]["p50_ms"].get<double>(), 50.0);   // before
  EXPECT_GT(series[1]["p50_ms"].get<double>(), 90.0);   // during: about 100 ms more
  EXPECT_LT(series[1]["p50_ms"].get<double>(), 400.0);
  EXPECT_GT(series[2]["p50_ms"].get<double>(), 90.0);
  EXPECT_LT(series[3]["p50_ms"].get<double>(), 50.0);   // after: restored on the same connections
  EXPECT_GT(result["proxies"]["proxy"]["totals"]["downstream_bytes"].get<long>(), 0);
}

TEST(NetworkFault, DownRefusesConnectionsThenLoadRecovers) {
  const json result = run_scenario("net-down", R"({ "kind": "down", "at": "1s", "for": "1s" })");
  const json& errors = result["load"]["api"]["summary"]["errors"];
  EXPECT_GT(errors["connect_refused"].get<long>() + errors["eof"].get<long>() + errors["reset"].get<long>(), 0);
  const json& last = result["load"]["api"]["series"].back();
  EXPECT_GT(last["ok"].get<long>(), 150);  // the last second is back to normal
}

TEST(NetworkFault, ResetPeerProducesResetErrors) {
  const json result = run_scenario("net-reset", R"({ "kind": "reset_peer", "at": "1s", "for": "1s" })");
  EXPECT_GT(result["load"]["api"]["summary"]["errors"]["reset"].get<long>(), 0);
  EXPECT_GT(result["proxies"]["proxy"]["totals"]["resets_injected"].get<long>(), 0);
}

TEST(Report, IndexListsEveryRunAndUnreadableResultExitsTwo) {
  const auto dir = fresh_directory("report-index");
  const auto scenario = write_file(dir, "s.json", proxied_scenario(R"({ "kind": "latency", "at": "1s", "latency": "1ms" })"));
  ASSERT_EQ(run_faultline({"run", scenario.string(), "--duration", "2s", "--out", (dir / "runs" / "a").string()}, dir).exit_code, 0);
  const Outcome index = run_faultline({"report", "--index", (dir / "runs").string()}, dir);
  EXPECT_EQ(index.exit_code, 0) << index.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "runs" / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "runs" / "a" / "report.html"));
  write_file(dir, "broken.json", "{ not json");
  const Outcome broken = run_faultline({"report", (dir / "broken.json").string()}, dir);
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.json"), std::string::npos) << broken.err;
}

TEST(ProxyCommand, BadToxicExitsTwoNamingIt) {
  const auto dir = fresh_directory("proxy-bad-toxic");
  const Outcome outcome = run_faultline(
      {"proxy", "--listen", "127.0.0.1:1", "--upstream", "127.0.0.1:1", "--toxic", "latncy:latency=1ms"}, dir);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("did you mean \"latency\""), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace faultline::testing
