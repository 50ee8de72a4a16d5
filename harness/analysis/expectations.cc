#include "harness/analysis/expectations.h"

#include "harness/analysis/metric_value.h"
#include "harness/analysis/value_format.h"
#include "harness/scenario/metric_catalogue.h"

namespace faultline::analysis {

result::ExpectationResult evaluate_expectation(const scenario::Expectation& e, const result::RunResult& run) {
  result::ExpectationResult out;
  out.text = e.text;
  out.metric = e.metric;
  out.scope = scenario::to_string(e.scope);
  const std::string subject = e.metric + (out.scope.empty() ? "" : " " + out.scope);
  const std::string expected = scenario::to_string(e.op) + " " + e.threshold.text;
  const std::optional<scenario::MetricRef> metric = scenario::resolve_metric(e.metric);
  // The parser admits only catalogue metrics; a hand-built scenario may not, and fails here.
  if (!metric) {
    out.detail = subject + ": unknown metric, expected " + expected;
    return out;
  }
  const scenario::MetricUnit unit = metric->definition->unit;
  out.unit = std::string(scenario::unit_name(unit));
  const Observation observed = observe_metric(*metric, e.scope, run);
  if (!observed.value) {
    out.detail = subject + ": not observed (" + observed.how + "), expected " + expected;
    return out;
  }
  out.value = observed.value;
  out.observed = format_value(*observed.value, unit);
  out.passed = scenario::holds(e.op, *observed.value, scenario::threshold_in_unit(e.threshold, unit));
  out.detail = subject + " = " + out.observed + (out.passed ? " " : ", expected ") + expected + " (" + observed.how + ")";
  return out;
}

std::vector<result::ExpectationResult> evaluate_expectations(const result::RunResult& run) {
  std::vector<result::ExpectationResult> out;
  for (const scenario::Expectation& e : run.scenario.expect) out.push_back(evaluate_expectation(e, run));
  return out;
}

}  // namespace faultline::analysis
