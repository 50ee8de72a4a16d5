// The exit codes CI depends on (DESIGN.md, "Exit codes"). Stable: never renumber.
#pragma once

namespace faultline::cli {

enum ExitCode : int {
  kExitPass = 0,            // every expectation held and nothing regressed
  kExitFail = 1,            // an expectation failed, a regression, the target died, or the run was interrupted
  kExitUsage = 2,           // usage or scenario error: nothing was run
  kExitEnvironment = 3,     // the environment or the target failed (never ready, port unavailable)
  kExitInternal = 4,        // faultline itself failed (a bug)
};

}  // namespace faultline::cli
