// `faultline baseline save`: one or several result.json files (repetitions of one scenario)
// saved as the baseline later runs are compared with.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/result/baseline_file.h"
#include "harness/result/utc_time.h"

namespace faultline::cli {

int baseline_save_command(const std::vector<std::string>& results, const std::string& to) {
  try {
    std::vector<result::BaselineRun> runs;
    for (const std::string& path : results) {
      runs.push_back(result::read_result_for_comparison(path));
      // A partial run would make every later whole run look like a change.
      if (const std::string partial = result::partial_run(runs.back().result); !partial.empty()) {
        throw result::BaselineError(path + ": /run: the run was " + partial + "; a baseline takes whole runs only");
      }
    }
    const result::Baseline baseline = result::make_baseline(std::move(runs));
    result::write_baseline(baseline, to, result::utc_now_iso8601());
    std::cout << "baseline: " << to << " (scenario " << baseline.scenario << ", " << baseline.runs.size()
              << (baseline.runs.size() == 1 ? " run" : " runs") << ")\n";
    return kExitPass;
  } catch (const result::BaselineError& e) {
    std::cerr << "faultline baseline save: " << e.what() << '\n';
    return kExitUsage;
  }
}

}  // namespace faultline::cli
