#include "harness/scenario/scenario_json.h"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "harness/scenario/scenario_parser.h"

namespace faultline::scenario {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> valid_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(FAULTLINE_TEST_DATA) / "scenarios" / "valid")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioJsonRoundTrip : public testing::TestWithParam<fs::path> {};

TEST_P(ScenarioJsonRoundTrip, ReparsesToEqualScenario) {
  const Scenario original = parse_scenario_file(GetParam().string());
  const json written = to_json(original);
  Scenario reparsed;
  try {
    reparsed = parse_scenario_text(written.dump(2), original.source_path);
  } catch (const ScenarioError& error) {
    FAIL() << error.what() << "\n" << written.dump(2);
  }
  EXPECT_EQ(reparsed, original) << written.dump(2);
  EXPECT_EQ(to_json(reparsed), written);
}

INSTANTIATE_TEST_SUITE_P(ValidScenarios, ScenarioJsonRoundTrip, testing::ValuesIn(valid_scenarios()),
                         [](const testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

const char* const kMinimal = R"({
  "name": "minimal", "duration": "2s",
  "target": { "command": ["./kv"] },
  "load": [ { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ]
})";

TEST(ScenarioJson, WritesDefaultsExplicitly) {
  const json written = to_json(parse_scenario_text(kMinimal, "m.json"));
  EXPECT_EQ(written, json::parse(R"({
    "name": "minimal", "duration": "2s", "allow_remote": false,
    "phases": { "warmup": "0s", "baseline_window": "10s", "settle": "2s", "recovery_window": "3s" },
    "observe": { "interval": "1s", "logs": true }, "seed": 1,
    "baseline": { "tolerance": { "default": "10%" }, "alpha": 0.05, "too_few_samples": "fail" },
    "target": { "command": ["./kv"], "env": {}, "stop_grace": "5s",
                "ready": { "tcp": true, "timeout": "10s", "interval": "100ms" },
                "restart": { "policy": "never", "delay": "500ms", "max_restarts": 5 } },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "connections": 16, "keepalive": true,
                "timeout": "2s", "connect_timeout": "2s", "start": "0s", "headers": {},
                "requests": [ { "method": "GET", "path": "/", "body": "", "headers": {}, "weight": 1 } ] } ]
  })"));
}

TEST(ScenarioJson, WritesAttachModeTargetWithoutSpawnFields) {
  const Scenario s = parse_scenario_text(R"({
    "name": "a", "duration": "2s", "target": { "address": "[::1]:80", "pid": 7 },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ]
  })", "a.json");
  EXPECT_EQ(to_json(s)["target"], json::parse(R"({
    "address": "[::1]:80", "pid": 7, "ready": { "tcp": true, "timeout": "10s", "interval": "100ms" } })"));
}

TEST(ScenarioJson, WritesWholeRatesAsIntegersAndOthersAsNumbers) {
  Scenario s = parse_scenario_text(kMinimal, "m.json");
  s.load[0].model = LoadModel::open;
  s.load[0].stages = {Stage{std::chrono::seconds(1), 200, {}}, Stage{std::chrono::seconds(1), 0.25, {}}};
  const json stages = to_json(s)["load"][0]["stages"];
  EXPECT_TRUE(stages[0]["rate"].is_number_integer());
  EXPECT_EQ(stages[0]["rate"], 200);
  EXPECT_EQ(stages[1]["rate"], 0.25);
}

TEST(ScenarioJson, OmitsUnsetThreadsRatherThanWritingInvalidZero) {
  const json load = to_json(parse_scenario_text(kMinimal, "m.json"))["load"][0];
  EXPECT_FALSE(load.contains("threads"));
  EXPECT_FALSE(load.contains("for"));
  EXPECT_FALSE(load.contains("stages"));
  EXPECT_FALSE(load.contains("address"));
}

}  // namespace
}  // namespace faultline::scenario
