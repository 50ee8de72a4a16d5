#include "harness/engine/abort_guard.h"

#include <algorithm>

#include "harness/analysis/metric_value.h"
#include "harness/scenario/metric_catalogue.h"

namespace faultline::engine {

AbortGuard::AbortGuard(RunObserver& inner, const scenario::Scenario& scenario, Levels target_levels)
    : inner_(inner),
      interval_s_(std::chrono::duration<double>(scenario.observe.interval).count()),
      target_levels_(std::move(target_levels)),
      monitor_(scenario.abort) {}

void AbortGuard::on_interval(double t_s, const std::vector<GeneratorInterval>& generators) {
  inner_.on_interval(t_s, generators);
  if (monitor_.empty() || trigger_) return;
  const std::optional<TargetObserver::Levels> levels = target_levels_();
  const auto value_of = [&](const scenario::AbortCondition& condition) -> std::optional<double> {
    const std::optional<scenario::MetricRef> metric = scenario::resolve_metric(condition.metric);
    if (!metric) return std::nullopt;
    switch (metric->definition->id) {
      case scenario::MetricId::threads_peak: return levels ? std::optional<double>(levels->threads) : std::nullopt;
      case scenario::MetricId::fds_peak: return levels ? std::optional<double>(levels->fds) : std::nullopt;
      case scenario::MetricId::rss_peak: return levels ? std::optional<double>(levels->rss_bytes) : std::nullopt;
      default: break;
    }
    const auto generator = std::find_if(generators.begin(), generators.end(),
                                        [&](const GeneratorInterval& g) { return g.generator == metric->generator; });
    if (generator == generators.end()) return std::nullopt;
    if (generator->connection) return analysis::connection_metric_value(metric->definition->id, *generator->connection);
    return analysis::load_metric_value(metric->definition->id, generator->summary);
  };
  trigger_ = monitor_.check_interval(t_s, interval_s_, value_of);
}

}  // namespace faultline::engine
