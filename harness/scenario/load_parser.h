// Reads the "load" array of a scenario: one load generator per element, HTTP or connection-level
// by its "kind", each checked against the run (its window must fit in the run; open-model stages
// must cover the window exactly), names unique across kinds.
// Part of the scenario parser; problems go to the reader's issue collector.
#pragma once

#include <optional>
#include <vector>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// `scenario` reads the top-level object; `run_duration` is unset when "duration" itself was
// invalid, which skips the checks against it. The result is complete only when no issue was
// recorded.
struct LoadGenerators {
  std::vector<HttpLoad> http;
  std::vector<ConnectionLoad> connection;
};
LoadGenerators read_load(const ObjectReader& scenario, std::optional<Duration> run_duration);

}  // namespace faultline::scenario
