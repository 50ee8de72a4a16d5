#include "harness/analysis/abort_monitor.h"

#include <cstdio>

#include "harness/analysis/value_format.h"
#include "harness/scenario/metric_catalogue.h"

namespace faultline::analysis {
namespace {

// Intervals are floating-point multiples of the series interval: a streak of 30 intervals of
// 0.5 s must count as 15 s.
constexpr double kEpsilonS = 1e-6;

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fs", s);
  return text;
}

}  // namespace

AbortMonitor::AbortMonitor(std::vector<scenario::AbortCondition> conditions) {
  for (scenario::AbortCondition& condition : conditions) conditions_.push_back({std::move(condition), std::nullopt});
}

std::optional<AbortTrigger> AbortMonitor::check_interval(double start_s, double length_s, const ValueOf& value_of) {
  if (triggered_) return std::nullopt;
  const double end_s = start_s + length_s;
  for (Watched& watched : conditions_) {
    const scenario::AbortCondition& c = watched.condition;
    const std::optional<scenario::MetricRef> metric = scenario::resolve_metric(c.metric);
    const std::optional<double> value = value_of(c);
    // The threshold in the metric's unit (a "2s" threshold on a latency in ms is 2000).
    const double threshold =
        metric ? scenario::threshold_in_unit(c.threshold, metric->definition->unit) : c.threshold.value;
    if (!value || !scenario::holds(c.op, *value, threshold)) {
      watched.held_from_s.reset();
      continue;
    }
    if (!watched.held_from_s) watched.held_from_s = start_s;
    if (end_s - *watched.held_from_s + kEpsilonS < c.for_s) continue;
    triggered_ = true;
    AbortTrigger trigger{c.text, *watched.held_from_s, end_s, *value, ""};
    const std::string last = metric ? format_value(*value, metric->definition->unit) : significant(*value);
    trigger.detail = "aborted: \"" + c.text + "\" held from " + seconds_text(trigger.held_from_s) + " to " +
                     seconds_text(end_s) + " (" + c.metric + " = " + last + " in the last interval)";
    return trigger;
  }
  return std::nullopt;
}

}  // namespace faultline::analysis
