// `faultline run`: parse the scenario, run it with live progress, write result.json, print the
// summary, and turn the outcome into the documented exit code.
#include <unistd.h>

#include <climits>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/engine/command_template.h"
#include "harness/engine/run.h"
#include "harness/engine/run_error.h"
#include "harness/engine/stop_signal.h"
#include "harness/result/result_json.h"
#include "harness/scenario/scenario_error.h"
#include "harness/scenario/scenario_parser.h"
#include "harness/scenario/units.h"
#include "reports/terminal/progress.h"
#include "reports/terminal/summary.h"

namespace faultline::cli {

namespace {

std::string default_run_dir(const std::string& scenario_name) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return "runs/" + scenario_name + "-" + stamp;
}

// ${FAULTLINE_TARGETS}: the environment's, else the targets built next to this binary.
std::string targets_dir() {
  if (const char* from_env = std::getenv("FAULTLINE_TARGETS")) return from_env;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "targets" : (self.parent_path() / "targets").string();
}

}  // namespace

int run_command(const RunCommand& command) {
  std::optional<scenario::Duration> duration;
  if (command.duration) {
    const auto parsed = scenario::parse_duration(*command.duration);
    if (!parsed) {
      std::cerr << "faultline: --duration: " << parsed.error() << '\n';
      return kExitUsage;
    }
    duration = *parsed;
  }
  try {
    const scenario::Scenario s = scenario::parse_scenario_file(command.scenario_path);
    engine::RunOptions options;
    options.out_dir = command.out_dir.empty() ? default_run_dir(s.name) : command.out_dir;
    options.targets_dir = targets_dir();
    options.allow_remote = command.allow_remote;
    options.duration = duration;

    engine::install_stop_handlers();
    const double planned_s = std::chrono::duration<double>(duration.value_or(s.duration)).count();
    reports::ProgressLine progress(std::cerr, isatty(STDERR_FILENO) == 1, planned_s);
    const result::RunResult r = engine::run_scenario(s, options, progress);

    const std::string result_path = (std::filesystem::path(options.out_dir) / "result.json").string();
    result::write_result_file(r, result_path);
    reports::print_summary(std::cout, r, result_path);
    if (command.html && write_report(result_path, std::nullopt, *command.html) != kExitPass) return kExitEnvironment;
    return r.verdict == result::Verdict::pass ? kExitPass : kExitFail;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitUsage;
  } catch (const engine::UsageError& e) {
    std::cerr << "faultline: " << e.what() << '\n';
    return kExitUsage;
  } catch (const engine::TemplateError& e) {
    std::cerr << command.scenario_path << ": " << e.what() << '\n';
    return kExitUsage;
  } catch (const engine::InterruptedError& e) {
    std::cerr << "faultline: " << e.what() << '\n';
    return kExitFail;
  } catch (const engine::EnvironmentError& e) {
    std::cerr << "faultline: " << e.what() << '\n';
    return kExitEnvironment;
  }
}

}  // namespace faultline::cli
