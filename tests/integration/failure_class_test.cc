// The failure classes of issue 4 end to end: each committed scenario against the defective
// build of its target and against the fixed one, changed in one argument (the defect), proven
// from result.json; and after every run nothing it started is left behind.
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct ScenarioRun {
  Outcome outcome;
  json result;
};

// scenarios/<name>.json as committed.
json committed_scenario(const std::string& name) {
  std::ifstream in(fs::path(FAULTLINE_SOURCE_DIR) / "scenarios" / (name + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  json scenario = json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  scenario.erase("$schema");  // relative to scenarios/, not to the test's copy
  return scenario;
}

// The same with the command's argument after `option` replaced by `value`.
json scenario_with(const std::string& name, const std::string& option, const std::string& value) {
  json scenario = committed_scenario(name);
  json& command = scenario["target"]["command"];
  for (std::size_t i = 0; i + 1 < command.size(); ++i) {
    if (command[i] == option) command[i + 1] = value;
  }
  return scenario;
}

ScenarioRun run_scenario_file(const std::string& test, const json& scenario) {
  const fs::path dir = fresh_directory(test);
  const fs::path file = write_file(dir, "scenario.json", scenario.dump(2));
  ScenarioRun r;
  r.outcome = run_faultline({"run", file.string(), "--out", (dir / "out").string()}, dir, std::chrono::seconds(90));
  r.result = read_json(dir / "out" / "result.json");
  // Nothing the run started is left: the target's process group is empty, its cgroup gone.
  const json& target = r.result["target"];
  if (target.contains("pid")) {
    const pid_t pid = target["pid"].get<pid_t>();
    EXPECT_FALSE(process_alive(pid)) << "target pid " << pid << " still runs";
    EXPECT_NE(::kill(-pid, 0), 0) << "the target's process group still has members";
  }
  if (target.contains("limits") && target["limits"].contains("cgroup")) {
    EXPECT_FALSE(fs::exists(target["limits"]["cgroup"].get<std::string>())) << "the run's cgroup was left behind";
  }
  return r;
}

double leak_excess(const json& result, const std::string& resource) {
  for (const json& check : result["analysis"]["leak_checks"]) {
    if (check["resource"] == resource) return check["excess"].get<double>();
  }
  ADD_FAILURE() << "no leak check of " << resource;
  return -1;
}

std::string leak_status(const json& result, const std::string& resource) {
  for (const json& check : result["analysis"]["leak_checks"]) {
    if (check["resource"] == resource) return check["status"];
  }
  return "absent";
}

TEST(FailureClass, DataRaceIsFoundUnderTsanAndNotInTheLockedBuild) {
  const ScenarioRun racy = run_scenario_file("race-defect", scenario_with("data-race", "--defect", "race"));
  EXPECT_EQ(racy.outcome.exit_code, 1) << racy.outcome.out << racy.outcome.err;
  EXPECT_GT(racy.result["analysis"]["races"].get<long>(), 0);
  ASSERT_FALSE(racy.result["target"]["reports"].empty());
  const json& first = racy.result["target"]["reports"][0];
  EXPECT_EQ(first["tool"], "tsan");
  EXPECT_NE(first["first"].get<std::string>().find("WARNING: ThreadSanitizer: data race"), std::string::npos);

  const ScenarioRun fixed = run_scenario_file("race-fixed", scenario_with("data-race", "--defect", "none"));
  EXPECT_EQ(fixed.outcome.exit_code, 0) << fixed.outcome.out << fixed.outcome.err;
  EXPECT_EQ(fixed.result["analysis"]["races"].get<long>(), 0);
}

TEST(FailureClass, ThreadLeakStaysAfterTheLoadAndTheFixedBuildHasNone) {
  const ScenarioRun leaky = run_scenario_file("thread-leak-defect", scenario_with("thread-leak", "--defect", "thread-leak"));
  EXPECT_EQ(leaky.outcome.exit_code, 1) << leaky.outcome.out << leaky.outcome.err;
  EXPECT_EQ(leak_status(leaky.result, "threads"), "leaked");
  EXPECT_GT(leak_excess(leaky.result, "threads"), 100);  // 100 requests/s, each a thread

  const ScenarioRun fixed = run_scenario_file("thread-leak-fixed", scenario_with("thread-leak", "--defect", "none"));
  EXPECT_EQ(fixed.outcome.exit_code, 0) << fixed.outcome.out << fixed.outcome.err;
  EXPECT_EQ(leak_status(fixed.result, "threads"), "none");
  EXPECT_EQ(leak_excess(fixed.result, "threads"), 0);
}

TEST(FailureClass, GoroutineLeakOfSubscribersThatLeft) {
  const ScenarioRun leaky = run_scenario_file("goroutine-leak-defect", scenario_with("goroutine-leak", "-defect", "goroutine-leak"));
  EXPECT_EQ(leaky.outcome.exit_code, 1) << leaky.outcome.out << leaky.outcome.err;
  EXPECT_EQ(leak_status(leaky.result, "goroutines"), "leaked");
  EXPECT_GT(leak_excess(leaky.result, "goroutines"), 50);  // 40 subscribers/s leave

  const ScenarioRun fixed = run_scenario_file("goroutine-leak-fixed", scenario_with("goroutine-leak", "-defect", "none"));
  EXPECT_EQ(fixed.outcome.exit_code, 0) << fixed.outcome.out << fixed.outcome.err;
  EXPECT_EQ(leak_status(fixed.result, "goroutines"), "none");
}

TEST(FailureClass, KilledTargetIsRestartedAndTheExitIsTheFaultsNotACrash) {
  const ScenarioRun r = run_scenario_file("crash-restart", committed_scenario("crash-restart"));
  EXPECT_EQ(r.outcome.exit_code, 0) << r.outcome.out << r.outcome.err;
  std::vector<std::string> kinds;
  for (const json& e : r.result["target"]["events"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"exit", "restart", "ready", "stopped"}));
  const json& exit = r.result["target"]["events"][0];
  EXPECT_EQ(exit["signal"], "SIGKILL");
  EXPECT_EQ(exit["fault"], 0);
  EXPECT_EQ(r.result["analysis"]["crashes"], 0);
  EXPECT_EQ(r.result["analysis"]["restarts"], 1);
  // While it was down, requests failed; after the restart they succeed again.
  EXPECT_GT(r.result["load"]["api"]["summary"]["errors"]["connect_refused"].get<long>(), 0);
  EXPECT_GT(r.result["load"]["api"]["series"].back()["ok"].get<long>(), 0);
}

TEST(FailureClass, UnboundedCacheIsOomKilledAtItsLimitAndRestarted) {
  const ScenarioRun leaky = run_scenario_file("memory-defect", scenario_with("memory-limit", "--defect", "unbounded-cache"));
  const json& limits = leaky.result["target"]["limits"];
  ASSERT_TRUE(limits.contains("mechanism")) << leaky.outcome.out << leaky.outcome.err;
  if (limits["mechanism"] == "rlimit") {
    GTEST_SKIP() << "no writable cgroup here: RLIMIT_AS ends the target with a failed allocation, not an OOM kill";
  }
  EXPECT_EQ(limits["memory_bytes"], 256 << 20);
  EXPECT_EQ(leaky.outcome.exit_code, 1) << leaky.outcome.out << leaky.outcome.err;
  EXPECT_GT(leaky.result["analysis"]["oom_kills"].get<long>(), 0);
  EXPECT_GT(leaky.result["analysis"]["restarts"].get<long>(), 0);
  EXPECT_EQ(leaky.result["analysis"]["crashes"], 0) << "an OOM kill is not counted as a crash too";
  bool exit_marked = false;
  for (const json& e : leaky.result["target"]["events"]) {
    if (e["kind"] == "oom_kill") EXPECT_GT(e["memory_bytes"].get<double>(), 200.0 * (1 << 20)) << "the level before it";
    if (e["kind"] == "exit") exit_marked = exit_marked || e.value("oom_killed", false);
  }
  EXPECT_TRUE(exit_marked);

  const ScenarioRun fixed = run_scenario_file("memory-fixed", scenario_with("memory-limit", "--defect", "none"));
  EXPECT_EQ(fixed.outcome.exit_code, 0) << fixed.outcome.out << fixed.outcome.err;
  EXPECT_EQ(fixed.result["analysis"]["oom_kills"], 0);
}

// The highest value of a resource over the target's series.
double peak(const json& result, const std::string& resource) {
  double highest = 0;
  for (const json& point : result["target"]["series"]) highest = std::max(highest, point.value(resource, 0.0));
  return highest;
}

TEST(FailureClass, ConnectionStormGrowsFdsAndMemoryWithoutABoundAndNotWithOne) {
  const ScenarioRun unbounded = run_scenario_file("storm-defect", scenario_with("connection-storm", "--defect", "conn-storm"));
  const ScenarioRun bounded = run_scenario_file("storm-fixed", scenario_with("connection-storm", "--defect", "none"));
  // 600 held connections, each with a 256 KiB buffer, against at most 200 connections and none.
  EXPECT_GT(peak(unbounded.result, "fds"), 500);
  EXPECT_LT(peak(bounded.result, "fds"), 300);
  EXPECT_GT(peak(unbounded.result, "rss_bytes"), 100.0 * (1 << 20));
  EXPECT_LT(peak(bounded.result, "rss_bytes"), 50.0 * (1 << 20));
  // The bounded build turns the excess away: the burst's connections are closed at accept.
  const json& burst = bounded.result["load"]["burst"]["summary"];
  EXPECT_GT(burst["disconnects"]["eof"].get<long>() + burst["disconnects"]["reset"].get<long>(), 0);
  EXPECT_GT(unbounded.result["load"]["churn"]["summary"]["connects"].get<long>(), 1000) << "a new connection each time";
}

}  // namespace
}  // namespace faultline::testing
