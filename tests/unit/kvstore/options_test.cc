#include "targets/kvstore/options.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace kvstore {
namespace {

// Parses `args` (after the program name) as kvstore's main() does; throws CLI::ParseError.
Options parse(std::vector<std::string> args) {
  CLI::App app;
  Options options;
  add_options(app, options);
  args.insert(args.begin(), "kvstore");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  return options;
}

TEST(Options, DefaultsAreTheFixedUndelayedBoundedService) {
  const Options options = parse({"--port", "0"});
  EXPECT_EQ(options.defect, Defect::none);
  EXPECT_EQ(options.response_delay, std::chrono::microseconds{0});
  EXPECT_EQ(options.max_connections, 512u);
  EXPECT_EQ(options.threads, 2u);
}

TEST(Options, ParsesEachDefectName) {
  EXPECT_EQ(parse({"--port", "0", "--defect", "none"}).defect, Defect::none);
  EXPECT_EQ(parse({"--port", "0", "--defect", "race"}).defect, Defect::race);
  EXPECT_EQ(parse({"--port", "0", "--defect", "thread-leak"}).defect, Defect::thread_leak);
  EXPECT_EQ(parse({"--port", "0", "--defect", "conn-storm"}).defect, Defect::conn_storm);
  EXPECT_EQ(parse({"--port", "0", "--defect", "unbounded-cache"}).defect, Defect::unbounded_cache);
}

TEST(Options, UnknownDefectIsAnErrorNamingTheChoices) {
  try {
    parse({"--port", "0", "--defect", "leak"});
    FAIL() << "an unknown defect was accepted";
  } catch (const CLI::ParseError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("--defect"), std::string::npos) << message;
    EXPECT_NE(message.find("'leak'"), std::string::npos) << message;
    EXPECT_NE(message.find("thread-leak"), std::string::npos) << message;
  }
}

TEST(Options, ParsesTheDelay) {
  EXPECT_EQ(parse({"--port", "0", "--delay", "5ms"}).response_delay, std::chrono::milliseconds{5});
  EXPECT_EQ(parse({"--port", "0", "--delay", "0"}).response_delay, std::chrono::microseconds{0});
  EXPECT_EQ(parse({"--port", "0", "--delay", "60s"}).response_delay, std::chrono::seconds{60});
}

TEST(Options, RefusesADelayWithoutUnitOrBeyondAMinute) {
  EXPECT_THROW(parse({"--port", "0", "--delay", "5"}), CLI::ParseError);
  EXPECT_THROW(parse({"--port", "0", "--delay", "-5ms"}), CLI::ParseError);
  EXPECT_THROW(parse({"--port", "0", "--delay", "61s"}), CLI::ParseError);
}

TEST(Options, ParsesAndBoundsMaxConnections) {
  EXPECT_EQ(parse({"--port", "0", "--max-connections", "3"}).max_connections, 3u);
  EXPECT_THROW(parse({"--port", "0", "--max-connections", "0"}), CLI::ParseError);
  EXPECT_THROW(parse({"--port", "0", "--max-connections", "many"}), CLI::ParseError);
}

TEST(Options, PortIsRequired) {
  EXPECT_THROW(parse({"--defect", "race"}), CLI::ParseError);
}

}  // namespace
}  // namespace kvstore
