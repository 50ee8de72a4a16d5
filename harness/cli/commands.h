// The faultline subcommands, each a function from parsed options to an exit code. main.cc
// only wires CLI11 to these.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace faultline::cli {

struct RunCommand {
  std::string scenario_path;
  std::string out_dir;             // empty: runs/<scenario name>-<UTC timestamp>
  std::optional<std::string> duration;  // overrides the scenario's, e.g. "5s"
  bool allow_remote = false;
};

int run_command(const RunCommand& command);

// Checks every file without running anything; 0 when all are valid, 2 otherwise.
int validate_command(const std::vector<std::string>& paths);

}  // namespace faultline::cli
