// Expectations checked against a synthetic run: each scope reads the intervals it should, and a
// value that cannot be observed (no samples, a fault that never started, no recovery) fails.
#include "harness/analysis/expectations.h"

#include <functional>

#include <gtest/gtest.h>

#include "harness/scenario/scenario_parser.h"

namespace faultline::analysis {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// A 30 s run on a 1 s grid: steady state 5..10 s, one fault in force 10..15 s (p99 100 ms, half
// the requests failing), recovered at 17 s, load ended at 30 s.
result::RunResult synthetic_run(const std::vector<std::string>& expect) {
  std::string list;
  for (const std::string& e : expect) list += (list.empty() ? "\"" : ", \"") + e + "\"";
  const std::string expect_field = list.empty() ? "" : ", \"expect\": [" + list + "]";
  result::RunResult run;
  run.scenario = scenario::parse_scenario_text(R"({ "name": "e", "duration": "30s",
    "target": { "command": ["./kv"] }, "observe": { "prometheus": "/metrics" },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ],
    "faults": [ { "kind": "pause", "at": "10s", "for": "5s" } ])" + expect_field + " }",
                                               "s.json");
  run.interval_s = 1;
  run.duration_s = 30;
  result::GeneratorResult g;
  g.name = "api";
  for (int i = 0; i < 30; ++i) {
    const bool faulted = i >= 10 && i < 15;
    result::SeriesPoint point;
    point.t_s = i;
    point.summary.responses = 100;
    point.summary.counts.ok = faulted ? 50 : 100;
    if (faulted) point.summary.counts.add_error(load::ErrorClass::timeout, 50);
    point.summary.error_rate = faulted ? 0.5 : 0;
    point.summary.throughput_rps = 100;
    point.summary.latency = {2, 4, faulted ? 100.0 : 5.0 + i % 2, 8, faulted ? 900.0 : 10.0 + i};
    g.series.push_back(point);
  }
  g.summary.responses = 3000;
  g.summary.span_s = 30;
  g.summary.counts.ok = 2750;
  g.summary.error_rate = 250.0 / 3000;
  g.summary.latency = {2, 4, 20, 95, 900};
  g.summary.throughput_rps = 100;
  run.load.push_back(g);
  run.faults.push_back({"pause", "", "pause", 10, 5, 10.0, 15.0, ""});
  for (int i = 0; i < 35; ++i) {
    result::TargetPoint p;
    p.t_s = i;
    p.processes = 1;
    p.threads = i >= 10 && i < 15 ? 12 : 8;
    p.rss_bytes = static_cast<std::uint64_t>(40 * kMiB);
    run.target_series.push_back(p);
  }
  result::RunAnalysis& a = run.analysis;
  a.steady_from_s = 5;
  a.steady_to_s = 10;
  a.load_end_s = 30;
  a.recovery.push_back({0, "recovered", 2.0, 17.0, 0.5, 100.0, 0.8, ""});
  a.leak_check_from_s = 19;
  a.leaks.push_back({"threads", "none", 0, 8.0, 8.0, ""});
  a.leaks.push_back({"rss_bytes", "leaked", 32 * kMiB, 40 * kMiB, 72 * kMiB, ""});
  a.races = 2;
  return run;
}

struct Case {
  std::string text;
  bool passed;
  std::string observed;  // "" when not observed
  std::string detail;    // the whole line
};

void check(const std::vector<Case>& cases, const std::function<void(result::RunResult&)>& change = {}) {
  std::vector<std::string> texts;
  for (const Case& c : cases) texts.push_back(c.text);
  result::RunResult run = synthetic_run(texts);
  if (change) change(run);
  const std::vector<result::ExpectationResult> results = evaluate_expectations(run);
  ASSERT_EQ(results.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(results[i].text, cases[i].text);
    EXPECT_EQ(results[i].passed, cases[i].passed) << cases[i].text;
    EXPECT_EQ(results[i].observed, cases[i].observed) << cases[i].text;
    EXPECT_EQ(results[i].value.has_value(), !cases[i].observed.empty()) << cases[i].text;
    EXPECT_EQ(results[i].detail, cases[i].detail) << cases[i].text;
  }
}

TEST(Expectations, EachScopeReadsItsOwnPartOfTheRun) {
  check({
      {"load.api.p99 < 10ms during steady", true, "6ms",
       "load.api.p99 during steady = 6ms < 10ms (median of 5 intervals in 5.0s..10.0s)"},
      {"load.api.p99 < 10ms during fault 1", false, "100ms",
       "load.api.p99 during fault 1 = 100ms, expected < 10ms (median of 5 intervals in 10.0s..15.0s)"},
      {"load.api.p99 < 10ms after recovery", true, "6ms",
       "load.api.p99 after recovery = 6ms < 10ms (median of 13 intervals in 17.0s..30.0s)"},
      {"load.api.p99 < 10ms", false, "20ms", "load.api.p99 = 20ms, expected < 10ms (over the run after warm-up)"},
      {"load.api.max <= 19ms during steady", true, "19ms",
       "load.api.max during steady = 19ms <= 19ms (largest of 5 intervals in 5.0s..10.0s)"},
      {"load.api.error_rate < 1% during fault 1", false, "50%",
       "load.api.error_rate during fault 1 = 50%, expected < 1% (median of 5 intervals in 10.0s..15.0s)"},
      {"load.api.errors == 250 during fault 1", true, "250",
       "load.api.errors during fault 1 = 250 == 250 (sum of 5 intervals in 10.0s..15.0s)"},
      {"load.api.throughput >= 100 during steady", true, "100/s",
       "load.api.throughput during steady = 100/s >= 100 (median of 5 intervals in 5.0s..10.0s)"},
      {"recovery.time_to_recover < 5s", true, "2s", "recovery.time_to_recover = 2s < 5s (fault 1)"},
      {"recovery.availability > 90% during fault 1", false, "80%",
       "recovery.availability during fault 1 = 80%, expected > 90% (fault 1)"},
      {"target.threads_leaked == 0", true, "0",
       "target.threads_leaked = 0 == 0 (the leak check from 19.0s found the level back within tolerance of steady "
       "state)"},
      {"target.rss_leaked < 16MiB", false, "32MiB",
       "target.rss_leaked = 32MiB, expected < 16MiB (the leak check from 19.0s found a leak)"},
      {"target.threads_peak <= 12 during fault 1", true, "12",
       "target.threads_peak during fault 1 = 12 <= 12 (largest of 5 samples in 10.0s..15.0s)"},
      {"target.threads_peak < 9 after recovery", true, "8",
       "target.threads_peak after recovery = 8 < 9 (largest of 13 samples in 17.0s..30.0s)"},
      {"logs.data_races == 0", false, "2", "logs.data_races = 2, expected == 0 (data-race reports in the target's output)"},
      {"target.crashes == 0", true, "0", "target.crashes = 0 == 0 (exits no fault caused)"},
  });
}

TEST(Expectations, NeverRecoveredFailsEveryExpectationThatNeedsTheRecovery) {
  const std::string never = "fault 1 never recovered (error rate stayed above 1%)";
  check({{"recovery.time_to_recover < 5s", false, "",
          "recovery.time_to_recover: not observed (" + never + "), expected < 5s"},
         {"load.api.p99 < 10ms after recovery", false, "",
          "load.api.p99 after recovery: not observed (" + never + "), expected < 10ms"},
         {"target.threads_peak < 100 after recovery", false, "",
          "target.threads_peak after recovery: not observed (" + never + "), expected < 100"},
         // What does not need the recovery is still measured.
         {"recovery.availability > 50% during fault 1", true, "80%",
          "recovery.availability during fault 1 = 80% > 50% (fault 1)"}},
        [](result::RunResult& run) {
          run.analysis.recovery[0] = {0, "never", std::nullopt, std::nullopt, 0.5, 100.0, 0.8,
                                      "error rate stayed above 1%"};
        });
}

TEST(Expectations, MissingDataFailsAndSaysWhy) {
  // A fault that never started: its window, its recovery and the recovery after it are missing.
  check({{"load.api.p99 < 1s during fault 1", false, "",
          "load.api.p99 during fault 1: not observed (fault 1 never started (the run ended before it was due at "
          "10.0s)), expected < 1s"},
         {"recovery.time_to_recover < 5s during fault 1", false, "",
          "recovery.time_to_recover during fault 1: not observed (fault 1 never started, so it never recovered), "
          "expected < 5s"},
         {"recovery.availability > 0% during fault 1", false, "",
          "recovery.availability during fault 1: not observed (fault 1 never started), expected > 0%"},
         {"load.api.p99 < 1s after recovery", false, "",
          "load.api.p99 after recovery: not observed (fault 1 never started, so it never recovered), expected < 1s"}},
        [](result::RunResult& run) {
          run.faults[0].started_s.reset();
          run.faults[0].ended_s.reset();
          run.analysis.recovery.clear();
        });
  // No samples at all: no interval, no response, no process, no goroutines, an undecided leak.
  check({{"load.api.p99 < 1s during steady", false, "",
          "load.api.p99 during steady: not observed (no interval in 5.0s..10.0s had a response), expected < 1s"},
         {"load.api.requests >= 0 during steady", false, "",
          "load.api.requests during steady: not observed (no interval in 5.0s..10.0s had load), expected >= 0"},
         {"load.api.p99 < 1s", false, "", "load.api.p99: not observed (not one response after warm-up), expected < 1s"},
         {"load.api.error_rate < 1%", false, "",
          "load.api.error_rate: not observed (not one finished request after warm-up), expected < 1%"},
         {"target.rss_peak < 1GiB", false, "",
          "target.rss_peak: not observed (no sample of the target's process), expected < 1GiB"},
         {"target.goroutines_leaked == 0", false, "",
          "target.goroutines_leaked: not observed (the target exposed no go_goroutines), expected == 0"},
         {"target.threads_leaked == 0", false, "",
          "target.threads_leaked: not observed (the leak check could not decide: too few samples after recovery), "
          "expected == 0"}},
        [](result::RunResult& run) {
          run.load[0].series.clear();
          run.load[0].summary.responses = 0;
          run.load[0].summary.counts = {};
          run.target_series.clear();
          run.analysis.leaks = {{"threads", "unknown", 0, std::nullopt, std::nullopt, "too few samples after recovery"}};
        });
  // An empty baseline window.
  check({{"load.api.p99 < 1s during steady", false, "",
          "load.api.p99 during steady: not observed (the baseline window is empty (the first fault starts before "
          "warm-up ends)), expected < 1s"}},
        [](result::RunResult& run) { run.analysis.steady_to_s = run.analysis.steady_from_s; });
}

TEST(Expectations, AMetricOutsideTheCatalogueFails) {
  result::RunResult run = synthetic_run({});
  run.scenario.expect.push_back(*scenario::parse_expectation("load.api.p95 < 1s").value);
  const std::vector<result::ExpectationResult> results = evaluate_expectations(run);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_EQ(results[0].detail, "load.api.p95: unknown metric, expected < 1s");
}

TEST(Expectations, TheWorstFaultDecidesOverTheWholeRun) {
  check({{"recovery.time_to_recover < 3s", false, "4s",
          "recovery.time_to_recover = 4s, expected < 3s (the worst of 2 faults: fault 2)"},
         {"recovery.availability >= 50%", true, "60%",
          "recovery.availability = 60% >= 50% (the worst of 2 faults: fault 2)"}},
        [](result::RunResult& run) {
          run.faults.push_back({"pause", "", "pause", 20, 2, 20.0, 22.0, ""});
          run.analysis.recovery.push_back({1, "recovered", 4.0, 26.0, 0.5, 100.0, 0.6, ""});
        });
}

}  // namespace
}  // namespace faultline::analysis
