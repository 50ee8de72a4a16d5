// A run and a comparison for the CI report tests: a crash, one expectation that held and one that
// failed, and a comparison with every verdict (regressed, improved, same, insufficient, exact).
#pragma once

#include <vector>

#include "harness/result/comparison_record.h"
#include "harness/result/run_result.h"
#include "reports/ci/ci_outcome.h"

namespace faultline::reports::ci::sample {

inline result::RunResult failed_run() {
  result::RunResult run;
  run.scenario.name = "smoke";
  run.duration_s = 12.5;
  run.verdict = result::Verdict::fail;
  run.expectations.push_back({"load.api.p99 < 250ms during steady", "load.api.p99", "during steady", true, 3.2, "ms", "3.2ms",
                              "load.api.p99 during steady = 3.2ms < 250ms (median of 10 intervals in 5.0s..15.0s)"});
  run.expectations.push_back({"recovery.time_to_recover < 5s", "recovery.time_to_recover", "", false, std::nullopt, "s", "",
                              "recovery.time_to_recover: not observed (fault 1 never recovered), expected < 5s"});
  run.reasons = {"the target exited unexpectedly at 1.0s (killed by SIGSEGV)",
                 "expectation failed: recovery.time_to_recover < 5s: not observed"};
  return run;
}

inline result::MetricComparisonRecord noisy(std::string metric, std::string scope, std::string unit, std::string verdict, double base,
                                            double current, std::optional<double> delta, std::optional<double> p) {
  result::MetricComparisonRecord m;
  m.metric = std::move(metric);
  m.scope = std::move(scope);
  m.unit = std::move(unit);
  m.kind = "noisy";
  m.samples = "intervals";
  m.verdict = std::move(verdict);
  m.baseline = {20, base, base * 0.95, base * 1.06};
  m.current = {20, current, current * 0.98, current * 1.02};
  m.delta = delta;
  m.p = p;
  m.tolerance = 0.10;
  return m;
}

inline result::ComparisonRecord comparison() {
  result::ComparisonRecord c;
  c.baseline_path = "scenarios/baselines/smoke.json";
  c.baseline_scenario = "smoke";
  c.baseline_runs = 1;
  c.current_runs = 1;
  c.metrics.push_back(noisy("load.api.p99", "during steady", "ms", "regressed", 1.21, 6.4, 4.29, 0.0000001));
  c.metrics.push_back(noisy("load.api.throughput", "during steady", "req/s", "improved", 1000, 1300, 0.3, 0.002));
  c.metrics.push_back(noisy("load.api.error_rate", "during steady", "%", "same", 0.01, 0.0102, 0.02, 0.41));
  result::MetricComparisonRecord recovery = noisy("recovery.time_to_recover", "during fault 1", "s", "insufficient", 0.5, 0.7, 0.4, std::nullopt);
  recovery.samples = "runs";
  recovery.baseline = {1, 0.5, std::nullopt, std::nullopt};
  recovery.current = {1, 0.7, std::nullopt, std::nullopt};
  recovery.note = "too few samples: with n=1+1 no difference can be significant; needs 4+4 runs (--repeat 4)";
  c.metrics.push_back(recovery);
  result::MetricComparisonRecord threads;
  threads.metric = "target.threads_leaked";
  threads.unit = "count";
  threads.kind = "exact";
  threads.samples = "counts";
  threads.verdict = "regressed";
  threads.baseline = {1, 0, std::nullopt, std::nullopt};
  threads.current = {1, 37, std::nullopt, std::nullopt};
  c.metrics.push_back(threads);
  c.regressions = 2;
  c.improvements = 1;
  c.insufficient = 1;
  c.passed = false;
  return c;
}

}  // namespace faultline::reports::ci::sample
