// `faultline run` end to end against the real kvstore on 127.0.0.1: the result file, the exit
// codes, interruption, a target that dies, and a target that never becomes ready.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <thread>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

// A short run of kvstore in both load models; `extra_target` adds fields to "target".
std::string kvstore_scenario(const std::string& duration, const std::string& command_json) {
  return R"({
    "name": "it", "duration": ")" + duration + R"(",
    "phases": { "warmup": "500ms" },
    "target": { "command": )" + command_json + R"(, "ready": { "http": "/health", "timeout": "10s" },
                "stop_grace": "2s" },
    "load": [
      { "name": "closed", "kind": "http", "model": "closed", "connections": 4, "threads": 1,
        "requests": [ { "method": "PUT", "path": "/kv/k{rand:10}", "body": "v{seq}" },
                      { "method": "GET", "path": "/counter", "weight": 3 } ] },
      { "name": "open", "kind": "http", "model": "open", "connections": 8, "threads": 1,
        "stages": [ { "for": ")" + duration + R"(", "rate": 500 } ],
        "requests": [ { "method": "POST", "path": "/counter/incr" } ] }
    ] })";
}

const std::string kKvstoreCommand = R"(["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"])";

std::optional<pid_t> target_pid_in(const std::string& text) {
  std::smatch match;
  if (std::regex_search(text, match, std::regex(R"(pid (\d+))"))) return std::stoi(match[1]);
  return std::nullopt;
}

TEST(Run, WritesResultWithSummarySeriesAndHistogramsAndExitsZero) {
  const auto dir = fresh_directory("run-ok");
  const auto scenario = write_file(dir, "s.json", kvstore_scenario("3s", kKvstoreCommand));
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;

  const json result = read_json(dir / "out" / "result.json");
  EXPECT_EQ(result["format"], "faultline-result");
  EXPECT_EQ(result["version"], 1);
  EXPECT_EQ(result["verdict"], "pass");
  EXPECT_EQ(result["scenario"]["name"], "it");
  EXPECT_EQ(result["target"]["mode"], "spawned");

  const json& closed = result["load"]["closed"];
  EXPECT_GT(closed["summary"]["ok"].get<long>(), 100);
  EXPECT_EQ(closed["summary"]["error_rate"], 0.0);
  EXPECT_GT(closed["summary"]["latency_ms"]["p99"].get<double>(), 0.0);
  EXPECT_EQ(closed["series"].size(), 3u);
  EXPECT_TRUE(closed["histogram"].get<std::string>().starts_with("hdr1:"));

  const json& open = result["load"]["open"];
  // 500/s for 3 s, of which the 0.5 s warm-up is not in the summary.
  EXPECT_NEAR(open["summary"]["requests"].get<double>(), 1250, 40);
  EXPECT_EQ(open["summary"]["errors"]["dropped"], 0);
  EXPECT_TRUE(open.contains("schedule_lag_histogram"));
  long sent_in_series = 0;
  for (const json& point : open["series"]) sent_in_series += point["sent"].get<long>();
  EXPECT_EQ(sent_in_series, 1500);

  EXPECT_NE(outcome.out.find("verdict: pass"), std::string::npos);
  EXPECT_NE(outcome.out.find("p99.9"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "target.stderr.log"));
  const auto pid = result["target"]["pid"].get<pid_t>();
  EXPECT_FALSE(process_alive(pid));
}

TEST(Run, SigintStopsTheRunAndStillWritesThePartialResult) {
  const auto dir = fresh_directory("run-sigint");
  const auto scenario = write_file(dir, "s.json", kvstore_scenario("30s", kKvstoreCommand));
  FaultlineProcess process({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  // Interrupt once load is under way (the target needs a moment to start).
  std::this_thread::sleep_for(std::chrono::seconds(2));
  process.signal(SIGINT);
  const Outcome outcome = process.wait(std::chrono::seconds(20));
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;

  const json result = read_json(dir / "out" / "result.json");
  EXPECT_EQ(result["verdict"], "interrupted");
  EXPECT_EQ(result["run"]["interrupted"], "SIGINT");
  EXPECT_LT(result["run"]["duration_s"].get<double>(), 10.0);
  EXPECT_GT(result["load"]["closed"]["summary"]["ok"].get<long>(), 0);
  EXPECT_FALSE(process_alive(result["target"]["pid"].get<pid_t>()));
}

TEST(Run, TargetDyingMidRunIsAnEventAndFailsTheRun) {
  const auto dir = fresh_directory("run-dies");
  // The target runs kvstore for 1.5 s, then timeout(1) SIGKILLs its process group, itself
  // included: an event of the run, not a crash of faultline.
  const std::string command =
      R"(["/bin/sh", "-c", "exec timeout -s KILL 1.5 \"$0\" --port \"$1\"", "${FAULTLINE_TARGETS}/kvstore", "${port}"])";
  const auto scenario = write_file(dir, "s.json", kvstore_scenario("4s", command));
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;

  const json result = read_json(dir / "out" / "result.json");
  EXPECT_EQ(result["verdict"], "fail");
  ASSERT_FALSE(result["target"]["events"].empty());
  const json& exit = result["target"]["events"][0];
  EXPECT_EQ(exit["kind"], "exit");
  EXPECT_EQ(exit["signal"], "SIGKILL");
  EXPECT_LT(exit["t"].get<double>(), 3.0);
  // With the target gone, connections are refused: counted, never fatal.
  EXPECT_GT(result["load"]["closed"]["summary"]["errors"]["connect_refused"].get<long>(), 0);
  EXPECT_NE(result["reasons"][0].get<std::string>().find("exited unexpectedly"), std::string::npos);
}

TEST(Run, MissingTargetCommandExitsThreeNamingTheCommand) {
  const auto dir = fresh_directory("run-missing");
  const auto scenario = write_file(dir, "s.json", kvstore_scenario("2s", R"(["/nonexistent/kvstore", "--port", "${port}"])"));
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_NE(outcome.err.find("/nonexistent/kvstore"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("No such file or directory"), std::string::npos) << outcome.err;
}

TEST(Run, TargetNeverReadyExitsThreeWithItsStderrAndLeavesNothingRunning) {
  const auto dir = fresh_directory("run-never-ready");
  const std::string scenario_text = R"({
    "name": "never-ready", "duration": "5s",
    "target": { "command": ["/bin/sh", "-c", "echo warming up forever >&2; exec sleep 30"],
                "ready": { "tcp": true, "timeout": "1s" }, "stop_grace": "500ms" },
    "load": [ { "name": "a", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ] })";
  const auto scenario = write_file(dir, "s.json", scenario_text);
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_NE(outcome.err.find("not ready"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("warming up forever"), std::string::npos) << outcome.err;
  const auto pid = target_pid_in(outcome.err);
  ASSERT_TRUE(pid) << outcome.err;
  EXPECT_FALSE(process_alive(*pid));
}

TEST(Run, AttachedTargetThatIsNotListeningExitsThree) {
  const auto dir = fresh_directory("run-attach-closed");
  // Port 1 on loopback: nothing listens there and nothing may.
  const std::string scenario_text = R"({
    "name": "attach", "duration": "2s",
    "target": { "address": "127.0.0.1:1", "ready": { "tcp": true, "timeout": "500ms" } },
    "load": [ { "name": "a", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ] })";
  const auto scenario = write_file(dir, "s.json", scenario_text);
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 3) << outcome.err;
  EXPECT_NE(outcome.err.find("127.0.0.1:1"), std::string::npos) << outcome.err;
}

TEST(Run, LoadToANonLoopbackAddressIsRefusedWithoutAllowRemote) {
  const auto dir = fresh_directory("run-remote");
  // The target is a local kvstore, but the generator points elsewhere: refused before any load.
  const std::string scenario_text = R"({
    "name": "remote", "duration": "2s",
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"], "ready": { "http": "/health" } },
    "load": [ { "name": "a", "kind": "http", "model": "closed", "address": "192.0.2.1:80",
                "requests": [ { "path": "/" } ] } ] })";
  const auto scenario = write_file(dir, "s.json", scenario_text);
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
  EXPECT_NE(outcome.err.find("not a loopback address"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("/load/0/address"), std::string::npos) << outcome.err;
}

TEST(Run, DurationOptionShortensTheRun) {
  const auto dir = fresh_directory("run-duration");
  const auto scenario = write_file(dir, "s.json", kvstore_scenario("30s", kKvstoreCommand));
  const Outcome outcome =
      run_faultline({"run", scenario.string(), "--duration", "2s", "--out", (dir / "out").string()}, dir);
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const json result = read_json(dir / "out" / "result.json");
  EXPECT_NEAR(result["run"]["duration_s"].get<double>(), 2.0, 0.2);
  EXPECT_EQ(result["scenario"]["duration"], "2s");
}

}  // namespace
}  // namespace faultline::testing
