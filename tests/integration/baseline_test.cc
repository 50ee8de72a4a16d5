// Baselines end to end against the real kvstore on 127.0.0.1 (issue 5): a baseline saved from
// one run; a second run of the same build compares as no regression (exit 0); a slower build
// (kvstore --delay) is flagged (exit 1) in result.json, the terminal table, JUnit, the Markdown
// summary and GitHub annotations; `faultline compare` judges saved results the same way; a bad
// baseline is a usage error (exit 2) naming the file.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

using nlohmann::json;

const std::string kScenario = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/regression-gate.json";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs regression-gate.json against kvstore --delay `delay` with extra arguments.
Outcome run_gate(const std::filesystem::path& dir, const std::string& out, const std::string& delay,
                 std::vector<std::string> extra = {}) {
  setenv("KVSTORE_DELAY", delay.c_str(), 1);
  std::vector<std::string> args{"run", kScenario, "--out", (dir / out).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  Outcome outcome = run_faultline(args, dir, std::chrono::seconds(90));
  unsetenv("KVSTORE_DELAY");
  return outcome;
}

const json* metric(const json& comparison, const std::string& name) {
  for (const json& m : comparison["metrics"]) {
    if (m["metric"] == name) return &m;
  }
  return nullptr;
}

class BaselineGate : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(fresh_directory("baseline-gate"));
    const Outcome first = run_gate(*dir_, "main", "0");
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    const Outcome saved = run_faultline({"baseline", "save", (*dir_ / "main" / "result.json").string(), "--to",
                                         (*dir_ / "baseline.json").string()},
                                        *dir_);
    ASSERT_EQ(saved.exit_code, 0) << saved.out << saved.err;
    EXPECT_NE(saved.out.find("scenario regression-gate, 1 run"), std::string::npos) << saved.out;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::filesystem::path* dir_;
};
std::filesystem::path* BaselineGate::dir_ = nullptr;

TEST_F(BaselineGate, TheSameBuildIsNoRegression) {
  const std::filesystem::path& dir = *dir_;
  const Outcome outcome = run_gate(dir, "same", "0",
                                   {"--baseline", (dir / "baseline.json").string(), "--junit",
                                    (dir / "same.xml").string(), "--summary-md", (dir / "same.md").string()});
  const json result = read_json(dir / "same" / "result.json");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err << result["comparison"].dump(2);
  const json& comparison = result["comparison"];
  EXPECT_EQ(comparison["passed"], true);
  EXPECT_EQ(comparison["regressions"], 0);
  EXPECT_EQ(comparison["baseline_runs"], 1);
  const json* p99 = metric(comparison, "load.api.p99");
  ASSERT_NE(p99, nullptr) << comparison.dump(2);
  EXPECT_EQ((*p99)["samples"], "intervals");
  EXPECT_GE((*p99)["current"]["n"].get<int>(), 20);
  EXPECT_NE(read_text(dir / "same.xml").find("<testsuite name=\"faultline.regression-gate\""), std::string::npos);
  EXPECT_NE(read_text(dir / "same.md").find("regression-gate"), std::string::npos);
}

TEST_F(BaselineGate, ASlowerBuildIsFlaggedEverywhere) {
  const std::filesystem::path& dir = *dir_;
  const auto step_summary = dir / "step-summary.md";
  write_file(dir, "step-summary.md", "# earlier step\n");
  setenv("GITHUB_ACTIONS", "true", 1);
  setenv("GITHUB_STEP_SUMMARY", step_summary.c_str(), 1);
  const Outcome outcome = run_gate(dir, "slow", "20ms",
                                   {"--baseline", (dir / "baseline.json").string(), "--junit",
                                    (dir / "slow.xml").string(), "--html", (dir / "slow.html").string()});
  unsetenv("GITHUB_ACTIONS");
  unsetenv("GITHUB_STEP_SUMMARY");
  ASSERT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;

  const json result = read_json(dir / "slow" / "result.json");
  EXPECT_EQ(result["verdict"], "fail");
  // The median moves by the whole delay; the tail's wide tolerance (see the scenario) may or may
  // not be exceeded on a busy machine, so only the median is asserted.
  const json* p50 = metric(result["comparison"], "load.api.p50");
  ASSERT_NE(p50, nullptr);
  EXPECT_EQ((*p50)["verdict"], "regressed") << p50->dump(2);
  EXPECT_LT((*p50)["p"].get<double>(), 0.001);
  EXPECT_NE(result["reasons"].dump().find("regression: load.api.p50 during steady"), std::string::npos)
      << result["reasons"].dump(2);
  // Terminal table, annotations, JUnit failure, the appended step summary, the report.
  EXPECT_NE(outcome.out.find("load.api.p50"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("::error title="), std::string::npos) << outcome.out;
  const std::string junit = read_text(dir / "slow.xml");
  EXPECT_NE(junit.find("<failure"), std::string::npos) << junit;
  const std::string summary = read_text(step_summary);
  EXPECT_EQ(summary.rfind("# earlier step\n", 0), 0u) << summary;
  EXPECT_NE(summary.find("load.api.p50"), std::string::npos) << summary;
  EXPECT_NE(read_text(dir / "slow.html").find("load.api.p50"), std::string::npos);

  // `faultline compare` judges the saved results alike, without running anything.
  const Outcome compared =
      run_faultline({"compare", (dir / "baseline.json").string(), (dir / "slow" / "result.json").string()}, dir);
  EXPECT_EQ(compared.exit_code, 1) << compared.out << compared.err;
  EXPECT_NE(compared.out.find("load.api.p50"), std::string::npos) << compared.out;
  const Outcome itself =
      run_faultline({"compare", (dir / "baseline.json").string(), (dir / "main" / "result.json").string()}, dir);
  EXPECT_EQ(itself.exit_code, 0) << itself.out << itself.err;
}

TEST_F(BaselineGate, RepetitionsAreComparedAsASet) {
  const std::filesystem::path& dir = *dir_;
  const Outcome outcome =
      run_gate(dir, "repeat", "0", {"--repeat", "2", "--duration", "4s", "--baseline", (dir / "baseline.json").string()});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;
  for (const char* run : {"run-1", "run-2"}) {
    const json result = read_json(dir / "repeat" / run / "result.json");
    EXPECT_EQ(result["comparison"]["current_runs"], 2) << run;
    EXPECT_EQ(result["comparison"]["baseline_runs"], 1) << run;
  }
  EXPECT_NE(outcome.err.find("repetition 2 of 2"), std::string::npos) << outcome.err;
  // Two saved runs make a two-run baseline.
  const Outcome saved = run_faultline({"baseline", "save", (dir / "repeat" / "run-1" / "result.json").string(),
                                       (dir / "repeat" / "run-2" / "result.json").string(), "--to",
                                       (dir / "two.json").string()},
                                      dir);
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_EQ(read_json(dir / "two.json")["runs"].size(), 2u);
  const Outcome zero = run_faultline({"run", kScenario, "--repeat", "0"}, dir);
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_NE(zero.err.find("--repeat"), std::string::npos) << zero.err;
}

TEST_F(BaselineGate, ABadBaselineIsAUsageErrorNamingTheFile) {
  const std::filesystem::path& dir = *dir_;
  const auto broken = write_file(dir, "broken.json", "{ \"format\": \"faultline-baseline\", ");
  const auto other = write_file(dir, "other.json", read_text(dir / "baseline.json"));
  {
    json changed = read_json(other);
    changed["scenario"] = "smoke";
    changed["runs"][0]["result"]["scenario"]["name"] = "smoke";
    write_file(dir, "other.json", changed.dump());
  }
  struct Case {
    std::string path, message;
  };
  for (const Case& c : {Case{(dir / "missing.json").string(), "cannot read the baseline"},
                        Case{broken.string(), "invalid JSON"},
                        Case{other.string(), "the baseline is of scenario \"smoke\", not \"regression-gate\""}}) {
    const Outcome outcome = run_gate(dir, "never", "0", {"--baseline", c.path});
    EXPECT_EQ(outcome.exit_code, 2) << c.path << outcome.out << outcome.err;
    EXPECT_NE(outcome.err.find(c.path), std::string::npos) << outcome.err;
    EXPECT_NE(outcome.err.find(c.message), std::string::npos) << outcome.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "never")) << "nothing may run with a bad baseline";
  }
}

}  // namespace
}  // namespace faultline::testing
