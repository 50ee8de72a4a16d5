#include "harness/scenario/scenario_parser.h"

#include <csignal>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace faultline::scenario {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const std::string kValidDir = std::string(FAULTLINE_TEST_DATA) + "/scenarios/valid/";

// A small valid scenario that each test breaks in one place.
json closed_scenario() {
  return json::parse(R"({
    "name": "smoke", "duration": "15s",
    "target": { "command": ["${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"] },
    "load": [ { "name": "api", "kind": "http", "model": "closed",
                "requests": [ { "path": "/kv/{seq}" } ] } ]
  })");
}

json open_scenario() {
  json scenario = closed_scenario();
  scenario["load"][0]["model"] = "open";
  scenario["load"][0]["stages"] = json::parse(R"([ {"for": "5s", "rate": 10}, {"for": "10s", "rate": 20} ])");
  return scenario;
}

// Every issue of parsing `scenario`, as the lines of ScenarioError::what().
std::vector<std::string> issues_of(const json& scenario) {
  try {
    parse_scenario_text(scenario.dump(), "smoke.json");
  } catch (const ScenarioError& error) {
    std::vector<std::string> lines;
    for (const ValidationIssue& issue : error.issues()) lines.push_back(issue.to_string());
    return lines;
  }
  return {};
}

using Lines = std::vector<std::string>;

TEST(ScenarioParser, ReadsEveryFieldOfFullExample) {
  const Scenario s = parse_scenario_file(kValidDir + "full.json");
  EXPECT_EQ(s.source_path, kValidDir + "full.json");
  EXPECT_EQ(s.name, "kv-full.example_1");
  EXPECT_EQ(s.description, "Exercises every field the parser knows");
  EXPECT_EQ(s.duration, seconds(90));
  EXPECT_FALSE(s.allow_remote);
  EXPECT_EQ(s.phases.warmup, seconds(5));
  EXPECT_EQ(s.observe.interval, milliseconds(250));

  const Target& t = s.target;
  EXPECT_TRUE(t.spawned());
  EXPECT_EQ(t.command, (std::vector<std::string>{"${FAULTLINE_TARGETS}/kvstore", "--port", "${port}",
                                                 "--defect", "none"}));
  EXPECT_EQ(t.env, (std::map<std::string, std::string>{{"DATA_DIR", "${TMPDIR}/kv"}, {"KV_THREADS", "4"}}));
  EXPECT_EQ(t.cwd, "/tmp");
  EXPECT_EQ(t.ready.kind, ReadyCheck::Kind::http);
  EXPECT_EQ(t.ready.http_path, "/health");
  EXPECT_EQ(t.ready.timeout, seconds(10));
  EXPECT_EQ(t.ready.interval, milliseconds(50));
  EXPECT_EQ(t.stop_grace, seconds(3));
  EXPECT_FALSE(t.address.has_value());
  EXPECT_FALSE(t.pid.has_value());

  ASSERT_EQ(s.load.size(), 2u);
  const HttpLoad& w = s.load[0];
  EXPECT_EQ(w.name, "writers");
  EXPECT_EQ(w.model, LoadModel::open);
  EXPECT_EQ(w.connections, 32u);
  EXPECT_TRUE(w.keepalive);
  EXPECT_FALSE(s.load[1].keepalive);
  EXPECT_EQ(w.threads, 2u);
  EXPECT_EQ(w.timeout, milliseconds(1500));
  EXPECT_EQ(w.connect_timeout, milliseconds(500));
  EXPECT_EQ(w.start, seconds(10));
  EXPECT_EQ(w.length, minutes(1));
  ASSERT_EQ(w.stages.size(), 3u);
  EXPECT_EQ(w.stages[0], (Stage{seconds(20), 200, seconds(5)}));
  EXPECT_EQ(w.stages[1], (Stage{seconds(30), 1000.5, Duration::zero()}));
  EXPECT_EQ(w.stages[2], (Stage{seconds(10), 50, Duration::zero()}));
  EXPECT_EQ(w.address, (Endpoint{"127.0.0.1", 9000}));
  EXPECT_EQ(w.headers, (std::vector<std::pair<std::string, std::string>>{{"Accept", "text/plain"},
                                                                         {"X-Run", "full-{seq}"}}));
  ASSERT_EQ(w.requests.size(), 2u);
  EXPECT_EQ(w.requests[0].method, "PUT");
  EXPECT_EQ(w.requests[0].path, "/kv/{seq}");
  EXPECT_EQ(w.requests[0].body, "v{seq}-{pad:16}");
  EXPECT_EQ(w.requests[0].headers, (std::vector<std::pair<std::string, std::string>>{{"X-Op", "put"}}));
  EXPECT_EQ(w.requests[0].weight, 1u);
  EXPECT_EQ(w.requests[1].method, "GET");
  EXPECT_EQ(w.requests[1].path, "/kv/{rand:1000}");
  EXPECT_EQ(w.requests[1].weight, 9u);
}

TEST(ScenarioParser, FillsDefaultsForOmittedFields) {
  const Scenario s = parse_scenario_text(closed_scenario().dump(), "smoke.json");
  EXPECT_EQ(s.description, "");
  EXPECT_FALSE(s.allow_remote);
  EXPECT_EQ(s.phases.warmup, Duration::zero());
  EXPECT_EQ(s.observe.interval, seconds(1));
  EXPECT_EQ(s.target.ready.kind, ReadyCheck::Kind::tcp);
  EXPECT_EQ(s.target.ready.timeout, seconds(10));
  EXPECT_EQ(s.target.ready.interval, milliseconds(100));
  EXPECT_EQ(s.target.stop_grace, seconds(5));
  const HttpLoad& load = s.load[0];
  EXPECT_EQ(load.connections, 16u);
  EXPECT_TRUE(load.keepalive);
  EXPECT_EQ(load.threads, 0u);
  EXPECT_EQ(load.timeout, seconds(2));
  EXPECT_EQ(load.connect_timeout, seconds(2));
  EXPECT_EQ(load.start, Duration::zero());
  EXPECT_FALSE(load.length.has_value());
  EXPECT_FALSE(load.address.has_value());
  EXPECT_EQ(load.requests[0].method, "GET");
  EXPECT_EQ(load.requests[0].weight, 1u);
  EXPECT_EQ(load.requests[0].body, "");
}

TEST(ScenarioParser, DefaultsRequestPathToRoot) {
  json scenario = closed_scenario();
  scenario["load"][0]["requests"][0].erase("path");
  EXPECT_EQ(parse_scenario_text(scenario.dump(), "smoke.json").load[0].requests[0].path, "/");
}

TEST(ScenarioParser, ReadsAttachModeTarget) {
  const Scenario s = parse_scenario_file(kValidDir + "attach_ipv6_with_pid.json");
  EXPECT_FALSE(s.target.spawned());
  EXPECT_EQ(s.target.address, (Endpoint{"::1", 8443}));
  EXPECT_EQ(s.target.pid, 4242);
  EXPECT_EQ(s.target.ready.http_path, "/ready?deep=1");
  EXPECT_EQ(s.target.ready.timeout, seconds(3));
}

TEST(ScenarioParser, AcceptsOpenStagesCoveringRestOfRunAfterStart) {
  const Scenario s = parse_scenario_file(kValidDir + "open_model_until_end.json");
  EXPECT_EQ(s.duration, hours(1));
  EXPECT_EQ(s.load[0].start, minutes(30));
  EXPECT_EQ(s.load[0].stages[0].rate_per_s, 0.5);
}

TEST(ScenarioParser, RejectsMisspeltFieldWithSuggestion) {
  json scenario = closed_scenario();
  scenario["load"][0]["conections"] = 4;
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/conections: unknown field; did you mean \"connections\"?"});
}

TEST(ScenarioParser, CollectsEveryErrorNotJustTheFirst) {
  json scenario = open_scenario();
  scenario.erase("name");
  scenario["duraton"] = "1s";
  scenario["load"][0]["stages"][1]["rate"] = 0;
  scenario["load"][0]["requests"][0]["weight"] = 0;
  scenario["target"]["ready"] = {{"http", "health"}};
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /duraton: unknown field; did you mean \"duration\"?",
                   "smoke.json: /name: missing required field",
                   "smoke.json: /target/ready/http: expected a path starting with '/' (visible ASCII "
                   "only), got \"health\"",
                   "smoke.json: /load/0/stages/1/rate: expected a number > 0 in the open model, got 0",
                   "smoke.json: /load/0/requests/0/weight: expected an integer >= 1, got 0"}));
}

TEST(ScenarioParser, ExposesStructuredIssues) {
  json scenario = closed_scenario();
  scenario["load"][0]["connections"] = 0;
  try {
    parse_scenario_text(scenario.dump(), "smoke.json");
    FAIL() << "no ScenarioError thrown";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.issues().size(), 1u);
    EXPECT_EQ(error.issues()[0].file, "smoke.json");
    EXPECT_EQ(error.issues()[0].path, "/load/0/connections");
    EXPECT_EQ(error.issues()[0].message, "expected an integer >= 1, got 0");
  }
}

TEST(ScenarioParser, RejectsZeroRateInOpenStage) {
  json scenario = open_scenario();
  scenario["load"][0]["stages"][1]["rate"] = 0;
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/stages/1/rate: expected a number > 0 in the open model, got 0"});
}

TEST(ScenarioParser, RejectsNonNumericRate) {
  json scenario = open_scenario();
  scenario["load"][0]["stages"][0]["rate"] = "10/s";
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /load/0/stages/0/rate: expected a number > 0 in the "
                                       "open model, got \"10/s\""});
}

TEST(ScenarioParser, RejectsStagesInClosedModel) {
  json scenario = closed_scenario();
  scenario["load"][0]["stages"] = json::parse(R"([{"for": "15s", "rate": 5}])");
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /load/0/stages: only allowed with \"model\": \"open\"; "
                                       "a closed-model generator sends as fast as its connections allow"});
}

TEST(ScenarioParser, RejectsStagesThatDoNotCoverTheWindow) {
  json scenario = open_scenario();
  scenario["load"][0]["stages"][1]["for"] = "9s";
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/stages: the stages cover 14s but must cover the generator's window "
                  "of 15s exactly (the run's duration 15s minus \"start\" 0s)"});
}

TEST(ScenarioParser, ChecksStagesAgainstForWhenGiven) {
  json scenario = open_scenario();
  scenario["load"][0]["start"] = "2s";
  scenario["load"][0]["for"] = "13s";
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/stages: the stages cover 15s but must cover the generator's window "
                  "of 13s exactly (its \"for\")"});
  scenario["load"][0]["stages"][1]["for"] = "8s";
  EXPECT_EQ(issues_of(scenario), Lines{});
}

TEST(ScenarioParser, RejectsWindowPastEndOfRun) {
  json scenario = closed_scenario();
  scenario["load"][0]["start"] = "10s";
  scenario["load"][0]["for"] = "6s";
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /load/0/for: the generator's window ends at 16s, past "
                                       "the end of the run (15s)"});
}

TEST(ScenarioParser, ComparesHugeDurationsWithoutOverflow) {
  json scenario = open_scenario();
  scenario["duration"] = "2562047h";
  scenario["load"][0]["start"] = "2562046h";
  scenario["load"][0]["for"] = "2562047h";
  scenario["load"][0]["stages"] = json::parse(R"([{"for": "2562047h", "rate": 1}, {"for": "2562047h", "rate": 1}])");
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /load/0/for: the generator's window ends at "
                                       "2562047h47m16.854775807s, past the end of the run (2562047h)"});
  scenario["load"][0].erase("for");
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /load/0/stages: the stages cover 2562047h47m16.854775807s "
                                       "but must cover the generator's window of 1h exactly (the run's "
                                       "duration 2562047h minus \"start\" 2562046h)"});
}

TEST(ScenarioParser, SkipsCoverageCheckWhenDurationIsInvalid) {
  json scenario = open_scenario();
  scenario["duration"] = "15";
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /duration: expected a duration like \"250ms\", got \"15\" "
                                       "(a unit is required: ns, us, ms, s, m, h)"});
}

TEST(ScenarioParser, RejectsDuplicateGeneratorNames) {
  json scenario = closed_scenario();
  scenario["load"].push_back(scenario["load"][0]);
  scenario["load"].push_back(scenario["load"][0]);
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /load/1/name: duplicate generator name \"api\" (first used at /load/0/name)",
                   "smoke.json: /load/2/name: duplicate generator name \"api\" (first used at /load/0/name)"}));
}

TEST(ScenarioParser, RejectsTargetWithNeitherCommandNorAddress) {
  json scenario = closed_scenario();
  scenario["target"] = json::object();
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /target: expected either \"command\" (spawn a target) "
                                       "or \"address\" (attach to a running one)"});
}

TEST(ScenarioParser, RejectsTargetWithBothCommandAndAddress) {
  json scenario = closed_scenario();
  scenario["target"]["address"] = "127.0.0.1:80";
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /target: \"command\" (spawn a target) and \"address\" "
                                       "(attach to a running one) are mutually exclusive"});
}

TEST(ScenarioParser, RejectsSpawnOnlyFieldsInAttachMode) {
  json scenario = closed_scenario();
  scenario["target"] = {{"address", "127.0.0.1:80"}, {"cwd", "/"}, {"env", json::object()}, {"stop_grace", "1s"}};
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /target/env: only allowed with \"command\" (spawn mode)",
                   "smoke.json: /target/cwd: only allowed with \"command\" (spawn mode)",
                   "smoke.json: /target/stop_grace: only allowed with \"command\" (spawn mode)"}));
}

TEST(ScenarioParser, RejectsPortOutOfRange) {
  json scenario = closed_scenario();
  scenario["target"] = {{"address", "127.0.0.1:65536"}};
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /target/address: expected an address like \"127.0.0.1:8080\" or \"[::1]:8080\", "
                  "got \"127.0.0.1:65536\" (port 65536 is out of range 1-65535)"});
}

TEST(ScenarioParser, RejectsMalformedGeneratorAddress) {
  json scenario = closed_scenario();
  scenario["load"][0]["address"] = "localhost";
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/address: expected an address like \"127.0.0.1:8080\" or \"[::1]:8080\", "
                  "got \"localhost\" (no port)"});
}

TEST(ScenarioParser, RejectsReadyPathWithoutLeadingSlash) {
  json scenario = closed_scenario();
  scenario["target"]["ready"] = {{"http", "health"}};
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /target/ready/http: expected a path starting with '/' "
                                       "(visible ASCII only), got \"health\""});
}

TEST(ScenarioParser, RejectsZeroThreadsAndConnections) {
  json scenario = closed_scenario();
  scenario["load"][0]["threads"] = 0;
  scenario["load"][0]["connections"] = 0;
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /load/0/connections: expected an integer >= 1, got 0",
                   "smoke.json: /load/0/threads: expected an integer >= 1, got 0"}));
}

TEST(ScenarioParser, RejectsWarmupNotShorterThanRun) {
  json scenario = closed_scenario();
  scenario["phases"] = {{"warmup", "20s"}};
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /phases/warmup: expected a warm-up shorter than the run (15s), got \"20s\""});
}

TEST(ScenarioParser, RejectsZeroAndOverlongObserveInterval) {
  json scenario = closed_scenario();
  scenario["observe"] = {{"interval", "0s"}};
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /observe/interval: expected a duration > 0, got \"0s\""});
  scenario["observe"] = {{"interval", "16s"}};
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /observe/interval: expected a duration <= the run's "
                                       "duration (15s), got \"16s\""});
}

TEST(ScenarioParser, RejectsMalformedPlaceholdersInPathBodyAndHeaders) {
  json scenario = closed_scenario();
  json& request = scenario["load"][0]["requests"][0];
  request["path"] = "/kv/{rand:0}";
  request["body"] = "{seq";
  request["headers"] = {{"X-Key", "{rand:abc}"}};
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /load/0/requests/0/path: {rand:N} needs N >= 1, got \"{rand:0}\"",
                   "smoke.json: /load/0/requests/0/body: unterminated placeholder \"{seq\" (a '{' followed by "
                   "a letter starts a placeholder; the placeholders are {seq}, {rand:N} with N >= 1 and "
                   "{pad:N} with N from 1 to 16777216)",
                   "smoke.json: /load/0/requests/0/headers/X-Key: malformed placeholder \"{rand:abc}\"; the "
                   "placeholders are {seq}, {rand:N} with N >= 1 and {pad:N} with N from 1 to 16777216"}));
}

TEST(ScenarioParser, RejectsPaddingOutsideItsRange) {
  json scenario = closed_scenario();
  json& request = scenario["load"][0]["requests"][0];
  request["path"] = "/kv/{pad:0}";
  request["body"] = "{pad:16777217}";
  request["headers"] = {{"X-Pad", "{pad:}"}};
  EXPECT_EQ(issues_of(scenario),
            (Lines{"smoke.json: /load/0/requests/0/path: {pad:N} needs N from 1 to 16777216 (16 MiB), got \"{pad:0}\"",
                   "smoke.json: /load/0/requests/0/body: {pad:N} needs N from 1 to 16777216 (16 MiB), got "
                   "\"{pad:16777217}\"",
                   "smoke.json: /load/0/requests/0/headers/X-Pad: malformed placeholder \"{pad:}\"; the "
                   "placeholders are {seq}, {rand:N} with N >= 1 and {pad:N} with N from 1 to 16777216"}));
}

TEST(ScenarioParser, ReadsKeepalive) {
  json scenario = closed_scenario();
  scenario["load"][0]["keepalive"] = false;
  EXPECT_FALSE(parse_scenario_text(scenario.dump(), "smoke.json").load[0].keepalive);
  scenario["load"][0]["keepalive"] = true;
  EXPECT_TRUE(parse_scenario_text(scenario.dump(), "smoke.json").load[0].keepalive);
  scenario["load"][0]["keepalive"] = "false";
  EXPECT_EQ(issues_of(scenario), (Lines{"smoke.json: /load/0/keepalive: expected true or false, got \"false\""}));
}

TEST(ScenarioParser, RejectsHeaderValueWithLineBreak) {
  json scenario = closed_scenario();
  scenario["load"][0]["requests"][0]["headers"] = {{"X-A", "1\r\nX-B: 2"}};
  EXPECT_EQ(issues_of(scenario),
            Lines{"smoke.json: /load/0/requests/0/headers/X-A: expected a header value without CR, LF or other "
                  "control characters (they would split the request), got \"1\\r\\nX-B: 2\""});
}

TEST(ScenarioParser, RejectsMalformedVariableReferenceInCommand) {
  json scenario = closed_scenario();
  scenario["target"]["command"][2] = "${port";
  EXPECT_EQ(issues_of(scenario), Lines{"smoke.json: /target/command/2: unterminated \"${\" in \"${port\" "
                                       "(a reference looks like ${NAME})"});
}

TEST(ScenarioParser, ReportsSyntaxErrorWithFileLineAndColumn) {
  try {
    parse_scenario_text("{\n  \"name\": \"smoke\",\n  \"duration\": 15s\n}", "smoke.json");
    FAIL() << "no ScenarioError thrown";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.issues().size(), 1u);
    EXPECT_EQ(std::string(error.what()).rfind("smoke.json:3:17: invalid JSON: syntax error", 0), 0u)
        << error.what();
  }
}

TEST(ScenarioParser, ReportsDuplicateKeyTogetherWithOtherProblems) {
  const std::string text = R"({"name": "a", "name": "b", "duration": "0s",
    "target": {"address": "127.0.0.1:80"},
    "load": [{"name": "x", "kind": "http", "model": "closed", "requests": [{}]}]})";
  try {
    parse_scenario_text(text, "dup.json");
    FAIL() << "no ScenarioError thrown";
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(), "dup.json: /name: duplicate key; only one value may be given\n"
                               "dup.json: /duration: expected a duration > 0, got \"0s\"");
  }
}

TEST(ScenarioParser, NamesUnreadableFile) {
  try {
    parse_scenario_file("/nonexistent/smoke.json");
    FAIL() << "no ScenarioError thrown";
  } catch (const ScenarioError& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/smoke.json: cannot read the file: No such file or directory");
  }
}

TEST(ScenarioParser, RejectsDirectoryAsFile) {
  EXPECT_THROW(parse_scenario_file(kValidDir), ScenarioError);
}

TEST(ScenarioParser, ReadsTargetLimitsRestartAndTargetFaults) {
  const Scenario s = parse_scenario_file(kValidDir + "target_faults.json");
  EXPECT_EQ(s.target.limits.memory_bytes, 256u << 20);
  EXPECT_EQ(s.target.limits.cpu_cores, 1.5);
  EXPECT_EQ(s.target.limits.open_files, 1024u);
  EXPECT_EQ(s.target.restart.when, RestartPolicy::When::on_failure);
  EXPECT_EQ(s.target.restart.delay, milliseconds(200));
  EXPECT_EQ(s.target.restart.max_restarts, 3u);
  EXPECT_EQ(s.phases.baseline_window, seconds(3));
  EXPECT_EQ(s.phases.settle, seconds(1));
  EXPECT_EQ(s.phases.recovery_window, seconds(2));
  EXPECT_EQ(s.observe.prometheus_path, "/metrics");
  EXPECT_EQ(s.observe.metrics, std::vector<std::string>{"kvstore_cache_bytes"});
  EXPECT_TRUE(s.proxies.empty()) << "target faults need no proxy";

  ASSERT_EQ(s.faults.size(), 8u);
  EXPECT_EQ(std::get<ProcessFault>(s.faults[0].action), (ProcessFault{ProcessFault::Action::signal, SIGUSR1}));
  EXPECT_EQ(std::get<ProcessFault>(s.faults[1].action).action, ProcessFault::Action::pause);
  EXPECT_EQ(s.faults[1].length, seconds(1));
  EXPECT_EQ(std::get<LimitFault>(s.faults[2].action).limits.memory_bytes, 128u << 20);
  EXPECT_EQ(std::get<LimitFault>(s.faults[3].action).limits.cpu_cores, 0.25);
  EXPECT_FALSE(s.faults[3].length) << "a limit without \"for\" holds until the end";
  EXPECT_EQ(std::get<LimitFault>(s.faults[4].action).limits.open_files, 64u);
  EXPECT_EQ(std::get<HogFault>(s.faults[5].action), (HogFault{HogFault::Resource::memory, 64u << 20, 0}));
  EXPECT_EQ(std::get<HogFault>(s.faults[6].action), (HogFault{HogFault::Resource::cpu, 0, 0.5}));
  EXPECT_EQ(std::get<ProcessFault>(s.faults[7].action), (ProcessFault{ProcessFault::Action::kill, SIGKILL}))
      << "kill sends SIGKILL unless told otherwise";
}

TEST(ScenarioParser, RestartPolicyMayBeJustItsName) {
  json scenario = closed_scenario();
  scenario["target"]["restart"] = "always";
  const Scenario s = parse_scenario_text(scenario.dump(), "smoke.json");
  EXPECT_EQ(s.target.restart.when, RestartPolicy::When::always);
  EXPECT_EQ(s.target.restart.max_restarts, RestartPolicy{}.max_restarts);
}

TEST(ScenarioParser, PrometheusMayBeJustItsPath) {
  json scenario = closed_scenario();
  scenario["observe"] = {{"prometheus", "/metrics"}};
  const Scenario s = parse_scenario_text(scenario.dump(), "smoke.json");
  EXPECT_EQ(s.observe.prometheus_path, "/metrics");
  EXPECT_TRUE(s.observe.metrics.empty());
}

}  // namespace
}  // namespace faultline::scenario
