// Baselines on disk: a saved set of results and a plain result.json both read back with their
// comparable metrics; every way a file can be unusable is refused with the file and the field.
#include "harness/result/baseline_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness/result/comparison_json.h"

namespace faultline::result {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class BaselineFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("faultline-baseline-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  static json result(const std::string& scenario, double p99_ms) {
    ComparableMetric metric{"load.api.p99", "during steady", "ms", false, p99_ms, {p99_ms, p99_ms + 1}, ""};
    return {{"format", "faultline-result"},
            {"version", 1},
            {"scenario", {{"name", scenario}}},
            {"analysis", {{"comparable", json::array({to_json(metric)})}}}};
  }

  // The message of the BaselineError `read` throws; "" when it throws none.
  template <typename Read>
  static std::string error_of(Read read) {
    try {
      read();
    } catch (const BaselineError& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(BaselineFile, SavedRunsReadBackWithTheirComparableMetrics) {
  const std::string a = write("a.json", result("smoke", 1.5).dump());
  const std::string b = write("b.json", result("smoke", 2.5).dump());
  const Baseline saved = make_baseline({read_result_for_comparison(a), read_result_for_comparison(b)});
  write_baseline(saved, (dir_ / "base.json").string(), "2026-11-27T18:00:00Z");

  const Baseline read = read_baseline((dir_ / "base.json").string());
  EXPECT_EQ(read.scenario, "smoke");
  EXPECT_EQ(read.path, (dir_ / "base.json").string());
  ASSERT_EQ(read.runs.size(), 2u);
  EXPECT_EQ(read.runs[0].source, a);
  ASSERT_EQ(read.runs[1].comparable.size(), 1u);
  EXPECT_EQ(read.runs[1].comparable[0].metric, "load.api.p99");
  EXPECT_EQ(*read.runs[1].comparable[0].value, 2.5);
  EXPECT_EQ(read.runs[1].comparable[0].samples, (std::vector<double>{2.5, 3.5}));
  EXPECT_EQ(read.runs[0].result, result("smoke", 1.5));  // kept whole, for the report
}

TEST_F(BaselineFile, APlainResultIsAOneRunBaseline) {
  const Baseline read = read_baseline(write("result.json", result("smoke", 1.5).dump()));
  EXPECT_EQ(read.scenario, "smoke");
  ASSERT_EQ(read.runs.size(), 1u);
  EXPECT_EQ(read.runs[0].comparable.size(), 1u);
}

TEST_F(BaselineFile, UnusableFilesAreRefusedNamingTheFileAndField) {
  json old_result = result("smoke", 1);
  old_result["analysis"].erase("comparable");
  json bad_sample = result("smoke", 1);
  bad_sample["analysis"]["comparable"][0]["samples"][1] = "x";
  const json empty_runs = {{"format", "faultline-baseline"}, {"version", 1}, {"runs", json::array()}};
  json wrong_version = empty_runs;
  wrong_version["version"] = 2;
  struct Case {
    std::string name, text, message;
  };
  const Case cases[] = {
      {"broken.json", "{ \"format\": ", "broken.json: not a baseline (invalid JSON"},
      {"other.json", R"({"format": "k6-summary"})", "other.json: /format: expected \"faultline-baseline\""},
      {"old.json", old_result.dump(), "old.json: /analysis/comparable: missing (the result was written by a faultline older"},
      {"sample.json", bad_sample.dump(), "sample.json: /analysis/comparable/0/samples/1: expected a number"},
      {"empty.json", empty_runs.dump(), "empty.json: /runs: expected a non-empty array of runs"},
      {"version.json", wrong_version.dump(), "version.json: /version: expected 1"},
  };
  for (const Case& c : cases) {
    const std::string path = write(c.name, c.text);
    const std::string message = error_of([&] { read_baseline(path); });
    EXPECT_NE(message.find(c.message), std::string::npos) << c.name << ": " << message;
  }
  EXPECT_NE(error_of([&] { read_baseline((dir_ / "missing.json").string()); }).find("missing.json: cannot read the baseline"),
            std::string::npos);
}

TEST_F(BaselineFile, ABaselineHoldsOneScenario) {
  const std::string a = write("a.json", result("smoke", 1).dump());
  const std::string b = write("b.json", result("crash-restart", 1).dump());
  const std::string message =
      error_of([&] { make_baseline({read_result_for_comparison(a), read_result_for_comparison(b)}); });
  EXPECT_NE(message.find("b.json: /scenario/name: \"crash-restart\", but"), std::string::npos) << message;
}

TEST_F(BaselineFile, ARunOfAnotherScenarioInAFileIsNamedByItsPlace) {
  const json file = {{"format", "faultline-baseline"},
                     {"version", 1},
                     {"runs", {{{"result", result("smoke", 1)}}, {{"result", result("crash-restart", 1)}}}}};
  const std::string path = write("mixed.json", file.dump());
  const std::string message = error_of([&] { read_baseline(path); });
  EXPECT_NE(message.find("mixed.json: /runs/1/result/scenario/name: \"crash-restart\""), std::string::npos) << message;
}

TEST_F(BaselineFile, PartialRunsAreNamed) {
  json whole = result("smoke", 1);
  whole["run"] = {{"interrupted", nullptr}, {"aborted", nullptr}};
  EXPECT_EQ(partial_run(whole), "");
  json interrupted = whole;
  interrupted["run"]["interrupted"] = "SIGINT";
  EXPECT_EQ(partial_run(interrupted), "interrupted by SIGINT");
  json aborted = whole;
  aborted["run"]["aborted"] = {{"condition", "load.api.error_rate > 90% for 5s"}};
  EXPECT_EQ(partial_run(aborted), "aborted: load.api.error_rate > 90% for 5s");
}

}  // namespace
}  // namespace faultline::result
