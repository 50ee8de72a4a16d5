#include "harness/scenario/abort_parser.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/expression_array.h"
#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

bool measured_per_interval(const MetricDefinition& metric) { return metric.timing == MetricTiming::per_interval; }

// What makes `condition` uncheckable while `scenario` runs; empty when it can be checked.
std::optional<std::string> check_abort_condition(const AbortCondition& condition, const Scenario& scenario) {
  const ParseResult<MetricRef> ref = lookup_metric(condition.metric, scenario, concrete_metric_names(scenario));
  if (!ref) return ref.error();
  const MetricDefinition& metric = *ref->definition;
  if (!measured_per_interval(metric)) {
    return condition.metric + " is known only after the run; abort conditions take per-interval metrics: " +
           grouped_names(produced_metric_names(scenario, measured_per_interval));
  }
  if (const Availability available = availability(*ref, scenario); !available.available) {
    return "this scenario cannot produce " + condition.metric + ": " + available.reason;
  }
  if (auto problem = threshold_unit_problem(condition.metric, metric.unit, condition.threshold)) return problem;
  const auto lasting = std::chrono::round<Duration>(std::chrono::duration<double>(condition.for_s));
  // A zero duration is the run's own error, already reported.
  if (scenario.duration > Duration::zero() && lasting > scenario.duration) {
    return "an abort condition cannot hold for longer than the run (" + format_duration(scenario.duration) +
           "), got \"for " + format_duration(lasting) + "\"";
  }
  return std::nullopt;
}

}  // namespace

void read_abort(const ObjectReader& root, Scenario& scenario) {
  scenario.abort = read_expressions<AbortCondition>(
      root, "abort", "an abort condition like \"load.api.error_rate > 90% for 15s\"", parse_abort_condition,
      [&](const AbortCondition& condition) { return check_abort_condition(condition, scenario); });
}

}  // namespace faultline::scenario
