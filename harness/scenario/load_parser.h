// Reads the "load" array of a scenario: one HTTP load generator per element, each checked against
// the run (its window must fit in the run; open-model stages must cover the window exactly).
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
std::vector<HttpLoad> read_load(const ObjectReader& scenario, std::optional<Duration> run_duration);

}  // namespace faultline::scenario
