// faultline's command line: parses arguments with CLI11 and hands over to the commands.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"

int main(int argc, char** argv) {
  using namespace faultline::cli;
  CLI::App app{"faultline: provoke failures in a service under load and gate merges on how it copes"};
  app.set_version_flag("--version", std::string("faultline ") + FAULTLINE_VERSION);
  app.require_subcommand(1);

  RunCommand run;
  CLI::App* run_app = app.add_subcommand("run", "Run a scenario: start the target, drive load, write result.json");
  run_app->add_option("scenario", run.scenario_path, "Scenario file (JSON, comments allowed)")->required();
  run_app->add_option("--out,-o", run.out_dir, "Run directory for result.json and the target's logs "
                                               "(default: runs/<scenario>-<UTC time>)");
  run_app->add_option("--duration,-d", run.duration, "Run for this long instead of the scenario's duration, e.g. 5s");
  run_app->add_flag("--allow-remote", run.allow_remote, "Allow load to non-loopback addresses");

  std::vector<std::string> validate_paths;
  CLI::App* validate_app = app.add_subcommand("validate", "Check scenario files without running anything");
  validate_app->add_option("files", validate_paths, "Scenario files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitPass : kExitUsage;
  }
  try {
    if (*run_app) return run_command(run);
    return validate_command(validate_paths);
  } catch (const std::exception& e) {
    std::cerr << "faultline: internal error (a bug in faultline, please report it): " << e.what() << '\n';
    return kExitInternal;
  }
}
