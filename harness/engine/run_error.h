// Failures that end a run, by who is at fault; the CLI turns each into its documented exit code
// (DESIGN.md, "Exit codes"). Scenario mistakes are scenario::ScenarioError (exit 2).
#pragma once

#include <stdexcept>
#include <string>

namespace faultline::engine {

// The environment or the target failed: target never ready, port unavailable (exit 3).
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A request faultline refuses on principle, e.g. load to a remote address without
// allow_remote (exit 2: nothing was run).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SIGINT or SIGTERM arrived before load started (exit 1: the run did not pass).
class InterruptedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace faultline::engine
