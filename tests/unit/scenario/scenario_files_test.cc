// Runs every scenario under tests/data/scenarios: each valid one must parse, each invalid one
// must fail with the messages its leading "// expect: <substring>" lines name. The JSON Schema
// agreement test reads the same files.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "harness/scenario/scenario_parser.h"

namespace faultline::scenario {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarioData = fs::path(FAULTLINE_TEST_DATA) / "scenarios";

std::vector<fs::path> scenario_files(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kScenarioData / folder)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The substrings named by the file's leading "// expect: " lines.
std::vector<std::string> expected_messages(const fs::path& file) {
  constexpr std::string_view kPrefix = "// expect: ";
  std::ifstream in(file);
  std::vector<std::string> expected;
  for (std::string line; std::getline(in, line) && line.rfind(kPrefix, 0) == 0;) {
    expected.push_back(line.substr(kPrefix.size()));
  }
  return expected;
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

class InvalidScenarioFile : public testing::TestWithParam<fs::path> {};

TEST_P(InvalidScenarioFile, FailsWithExpectedMessages) {
  const std::vector<std::string> expected = expected_messages(GetParam());
  ASSERT_FALSE(expected.empty()) << GetParam() << " has no leading \"// expect: \" line";
  try {
    parse_scenario_file(GetParam().string());
    FAIL() << GetParam() << " parsed without error";
  } catch (const ScenarioError& error) {
    const std::string what = error.what();
    for (const std::string& message : expected) {
      EXPECT_NE(what.find(message), std::string::npos) << "expected: " << message << "\nactual:\n" << what;
    }
    // Every line names the file, so an editor or CI log can jump to it.
    for (const ValidationIssue& issue : error.issues()) EXPECT_EQ(issue.file, GetParam().string());
  }
}

INSTANTIATE_TEST_SUITE_P(ScenarioFiles, InvalidScenarioFile, testing::ValuesIn(scenario_files("invalid")),
                         test_name);

class ValidScenarioFile : public testing::TestWithParam<fs::path> {};

TEST_P(ValidScenarioFile, Parses) {
  try {
    const Scenario scenario = parse_scenario_file(GetParam().string());
    EXPECT_FALSE(scenario.load.empty() && scenario.connection_load.empty());
  } catch (const ScenarioError& error) {
    FAIL() << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(ScenarioFiles, ValidScenarioFile, testing::ValuesIn(scenario_files("valid")),
                         test_name);

}  // namespace
}  // namespace faultline::scenario
