// `faultline validate` and the command line's own errors, end to end: exit codes and messages.
#include <gtest/gtest.h>

#include "faultline_process.h"

namespace faultline::testing {
namespace {

TEST(Validate, EveryBundledScenarioIsValid) {
  const auto dir = fresh_directory("validate-bundled");
  std::vector<std::string> args{"validate"};
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FAULTLINE_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json") args.push_back(entry.path());
  }
  ASSERT_GT(args.size(), 1u);
  const Outcome outcome = run_faultline(args, dir);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

TEST(Validate, MisspeltFieldExitsTwoNamingFilePathAndSuggestion) {
  const auto dir = fresh_directory("validate-misspelt");
  const auto scenario = write_file(dir, "typo.json", R"({
    "name": "typo", "duration": "5s",
    "target": { "address": "127.0.0.1:8080" },
    "load": [ { "name": "a", "kind": "http", "model": "closed", "conections": 8,
                "requests": [ { "path": "/" } ] } ] })");
  const Outcome outcome = run_faultline({"validate", scenario.string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("typo.json"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("/load/0/conections"), std::string::npos) << outcome.err;
  EXPECT_NE(outcome.err.find("did you mean \"connections\""), std::string::npos) << outcome.err;
}

TEST(Validate, RunRefusesAnInvalidScenarioWithExitTwoAndRunsNothing) {
  const auto dir = fresh_directory("run-invalid");
  const auto scenario = write_file(dir, "bad.json", R"({ "name": "bad", "duration": "0s",
    "target": { "address": "127.0.0.1:8080" }, "load": [] })");
  const Outcome outcome = run_faultline({"run", scenario.string(), "--out", (dir / "out").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("bad.json"), std::string::npos) << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out" / "result.json"));
}

TEST(Validate, UnreadableFileExitsTwoNamingIt) {
  const auto dir = fresh_directory("validate-missing");
  const Outcome outcome = run_faultline({"validate", (dir / "nope.json").string()}, dir);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("nope.json"), std::string::npos) << outcome.err;
}

TEST(Cli, UnknownOptionExitsTwo) {
  const auto dir = fresh_directory("cli-unknown");
  EXPECT_EQ(run_faultline({"run", "--no-such-option"}, dir).exit_code, 2);
}

TEST(Cli, VersionPrintsTheVersion) {
  const auto dir = fresh_directory("cli-version");
  const Outcome outcome = run_faultline({"--version"}, dir);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.out.find("faultline "), std::string::npos);
}

TEST(Cli, BadDurationOptionExitsTwo) {
  const auto dir = fresh_directory("cli-duration");
  const auto scenario = write_file(dir, "s.json", "{}");
  const Outcome outcome = run_faultline({"run", scenario.string(), "--duration", "5 seconds"}, dir);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("--duration"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace faultline::testing
