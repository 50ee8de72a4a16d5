// `faultline run`: parse the scenario, run it (N times with --repeat) with live progress, write
// result.json, compare with the baseline when given one, print the summary and the comparison,
// write the CI outputs, and turn the outcome into the documented exit code.
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "harness/cli/baseline_gate.h"
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
#include "reports/terminal/comparison_table.h"
#include "reports/terminal/progress.h"
#include "reports/terminal/summary.h"

namespace faultline::cli {

namespace {

// --repeat's bound: enough for any statistics, small enough that a typo does not run all night.
constexpr unsigned kMaxRepeat = 100;

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
  if (command.repeat < 1 || command.repeat > kMaxRepeat) {
    std::cerr << "faultline: --repeat: expected 1.." << kMaxRepeat << ", got " << command.repeat << '\n';
    return kExitUsage;
  }
  try {
    const scenario::Scenario s = scenario::parse_scenario_file(command.scenario_path);
    // The baseline is read before anything runs: a bad one is a usage error, not a failed run.
    std::optional<result::Baseline> baseline;
    if (command.baseline && !(baseline = load_baseline(*command.baseline, s.name, "faultline run"))) return kExitUsage;

    const std::string out_dir = command.out_dir.empty() ? default_run_dir(s.name) : command.out_dir;
    engine::install_stop_handlers();
    const double planned_s = std::chrono::duration<double>(duration.value_or(s.duration)).count();
    std::vector<result::RunResult> runs;    // one per repetition
    std::vector<std::string> result_paths;  // where each was written
    int failed_to_run = kExitPass;          // a later repetition that could not run: its exit code
    for (unsigned repetition = 1; repetition <= command.repeat; ++repetition) {
      if (repetition > 1 && engine::requested_stop()) {
        failed_to_run = kExitFail;  // interrupted between repetitions
        break;
      }
      engine::RunOptions options;
      options.out_dir = command.repeat == 1 ? out_dir : (std::filesystem::path(out_dir) / ("run-" + std::to_string(repetition))).string();
      options.targets_dir = targets_dir();
      options.allow_remote = command.allow_remote;
      options.duration = duration;
      if (command.repeat > 1) std::cerr << "faultline: repetition " << repetition << " of " << command.repeat << '\n';
      reports::ProgressLine progress(std::cerr, isatty(STDERR_FILENO) == 1, planned_s);
      try {
        runs.push_back(engine::run_scenario(s, options, progress));
      } catch (const engine::InterruptedError& e) {
        if (runs.empty()) throw;
        std::cerr << "faultline: " << e.what() << '\n';
        failed_to_run = kExitFail;
        break;
      } catch (const engine::EnvironmentError& e) {
        // The repetitions already made are still compared and reported.
        if (runs.empty()) throw;
        std::cerr << "faultline: " << e.what() << '\n';
        failed_to_run = kExitEnvironment;
        break;
      }
      result_paths.push_back((std::filesystem::path(options.out_dir) / "result.json").string());
      // Written at once, so an interruption during a later repetition loses nothing measured.
      result::write_result_file(runs.back(), result_paths.back());
      if (runs.back().interrupted) break;
    }

    // Only whole runs are compared: an interrupted or aborted one measured too little to judge
    // (it fails by itself), and its gaps must not read as regressions of the others.
    const auto whole = [](const result::RunResult& run) { return !run.interrupted && !run.aborted; };
    std::optional<result::ComparisonRecord> comparison;
    if (baseline && std::any_of(runs.begin(), runs.end(), whole)) {
      std::vector<analysis::ComparableRun> current;
      for (const result::RunResult& run : runs) {
        if (whole(run)) current.push_back(run.analysis.comparable);
      }
      comparison = compare_with_baseline(*baseline, std::move(current), s.baseline, runs.front().interval_s);
      for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!whole(runs[i])) continue;
        analysis::apply_comparison(runs[i], *comparison);
        result::write_result_file(runs[i], result_paths[i]);
      }
    }
    for (std::size_t i = 0; i < runs.size(); ++i) reports::print_summary(std::cout, runs[i], result_paths[i]);
    if (comparison) reports::print_comparison_table(std::cout, *comparison);

    const bool passed = std::all_of(runs.begin(), runs.end(),
                                    [](const result::RunResult& run) { return run.verdict == result::Verdict::pass; });
    if (!write_ci_outputs(command.ci, s.name, passed, runs, comparison ? &*comparison : nullptr)) return kExitEnvironment;
    if (command.html && write_report(result_paths.back(), command.baseline, *command.html) != kExitPass) {
      return kExitEnvironment;
    }
    if (failed_to_run != kExitPass) return failed_to_run;
    return passed ? kExitPass : kExitFail;
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
