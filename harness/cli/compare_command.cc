// `faultline compare BASELINE RESULT...`: judges finished runs against a baseline, as
// `faultline run --baseline` does, without running anything. The options of the comparison
// (tolerances, alpha) come from the scenario recorded in the first result.
#include <iostream>

#include "harness/cli/baseline_gate.h"
#include "harness/cli/exit_codes.h"
#include "harness/scenario/scenario_error.h"
#include "harness/scenario/scenario_parser.h"
#include "reports/terminal/comparison_table.h"

namespace faultline::cli {

int compare_command(const CompareCommand& command) {
  const std::string name = "faultline compare";
  result::Baseline current;  // the runs to judge, read like a baseline: of one scenario
  try {
    std::vector<result::BaselineRun> runs;
    for (const std::string& path : command.results) runs.push_back(result::read_result_for_comparison(path));
    current = result::make_baseline(std::move(runs));
  } catch (const result::BaselineError& e) {
    std::cerr << name << ": " << e.what() << '\n';
    return kExitUsage;
  }
  const nlohmann::json& first = current.runs.front().result;
  scenario::Scenario s;
  try {
    s = scenario::parse_scenario_text(first.at("scenario").dump(), command.results.front() + ": /scenario");
  } catch (const scenario::ScenarioError& e) {
    std::cerr << name << ": " << e.what() << '\n';
    return kExitUsage;
  }
  const std::optional<result::Baseline> baseline = load_baseline(command.baseline, s.name, name);
  if (!baseline) return kExitUsage;

  std::vector<analysis::ComparableRun> runs;
  for (const result::BaselineRun& run : current.runs) runs.push_back(run.comparable);
  const auto intervals = first.find("intervals_s");
  const double interval_s = intervals != first.end() && intervals->is_number() ? intervals->get<double>() : 1.0;
  const result::ComparisonRecord comparison = compare_with_baseline(*baseline, std::move(runs), s.baseline, interval_s);
  reports::print_comparison_table(std::cout, comparison);
  if (!write_ci_outputs(command.ci, s.name, comparison.passed, {}, &comparison)) return kExitEnvironment;
  return comparison.passed ? kExitPass : kExitFail;
}

}  // namespace faultline::cli
