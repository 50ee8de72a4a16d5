// The scenario's abort conditions ("load.api.error_rate > 90% for 15s"), checked live once per
// series interval: a condition that holds in every interval for its whole `for`, without a
// break, stops the run (DESIGN.md, scenario "abort"). An interval where the metric has no
// value (no response finished, no sample of the target) breaks the streak: a run is aborted
// on evidence, never on the absence of it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/expectation_parser.h"

namespace faultline::analysis {

struct AbortTrigger {
  std::string condition;  // as written in the scenario
  double held_from_s = 0; // start of the first interval of the streak, from the run's start
  double at_s = 0;        // end of the interval that completed it
  double last_value = 0;  // the metric in that interval, in the metric's unit
  std::string detail;     // one line for the run's reasons
};

class AbortMonitor {
 public:
  // The value of a condition's metric in the interval being checked; empty when it has none.
  using ValueOf = std::function<std::optional<double>(const scenario::AbortCondition&)>;

  explicit AbortMonitor(std::vector<scenario::AbortCondition> conditions);

  // Checks interval [start_s, start_s + length_s); intervals must come in order. Returns the
  // first condition whose streak reached its `for`, once; afterwards nothing more.
  std::optional<AbortTrigger> check_interval(double start_s, double length_s, const ValueOf& value_of);

  bool empty() const { return conditions_.empty(); }

 private:
  struct Watched {
    scenario::AbortCondition condition;
    std::optional<double> held_from_s;  // the current streak's start
  };
  std::vector<Watched> conditions_;
  bool triggered_ = false;
};

}  // namespace faultline::analysis
