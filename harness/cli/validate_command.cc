// `faultline validate`: parse and check scenario files, run nothing.
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/scenario/scenario_error.h"
#include "harness/scenario/scenario_parser.h"

namespace faultline::cli {

int validate_command(const std::vector<std::string>& paths) {
  int code = kExitPass;
  for (const std::string& path : paths) {
    try {
      const scenario::Scenario s = scenario::parse_scenario_file(path);
      const std::size_t generators = s.load.size() + s.connection_load.size();
      std::cout << path << ": ok (" << s.name << ", " << generators
                << (generators == 1 ? " load generator)" : " load generators)") << '\n';
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << '\n';
      code = kExitUsage;
    }
  }
  return code;
}

}  // namespace faultline::cli
