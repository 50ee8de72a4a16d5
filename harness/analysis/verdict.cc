#include "harness/analysis/verdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "harness/analysis/run_analysis.h"

namespace faultline::analysis {
namespace {

std::string at_time(double t_s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fs", t_s);
  return text;
}

}  // namespace

void judge_run(result::RunResult& r) {
  const auto fail = [&](std::string reason) {
    if (r.verdict == result::Verdict::pass) r.verdict = result::Verdict::fail;
    r.reasons.push_back(std::move(reason));
  };
  for (const result::TargetEvent& e : r.target_events) {
    if (e.kind == "exit" && !e.fault && !e.oom_killed) {
      fail("the target exited unexpectedly at " + at_time(e.t_s) +
           (e.signal ? " (killed by " + *e.signal + ")" : " (exit code " + std::to_string(e.exit_code.value_or(-1)) + ")"));
    } else if (e.kind == "oom_kill") {
      fail("the target was OOM-killed at " + at_time(e.t_s) + " (memory-limit breach)");
    }
  }
  // A fault that could not be applied (or removed) means the run did not do what it was asked.
  for (std::size_t i = 0; i < r.faults.size(); ++i) {
    const result::FaultRecord& f = r.faults[i];
    // Numbered from 1, as the report (#1) and expectations ("during fault 1") number them.
    if (!f.error.empty()) fail("fault " + std::to_string(i + 1) + " (" + f.spec + "): " + f.error);
  }
  // Races, one reason per tool that reported them: how many, how many distinct, since when.
  std::map<std::string, std::tuple<std::uint64_t, std::size_t, double>> races;  // tool: count, distinct, first
  for (const observe::LogReport& report : r.logs.reports) {
    if (!analysis::is_race(report)) continue;
    auto [entry, inserted] = races.try_emplace(std::string(observe::to_string(report.tool)), 0, 0, report.first_at_s);
    auto& [count, distinct, first] = entry->second;
    count += report.count;
    ++distinct;
    first = std::min(first, report.first_at_s);
  }
  for (const auto& [tool, race] : races) {
    const auto& [count, distinct, first] = race;
    fail(std::to_string(count) + " data race report(s), " + std::to_string(distinct) + " distinct, from " + tool +
         ", the first at " + at_time(first));
  }
  for (const result::LeakRecord& leak : r.analysis.leaks) {
    if (leak.status != "leaked") continue;
    char excess[64];
    if (leak.resource.ends_with("_bytes")) {
      std::snprintf(excess, sizeof excess, "%.1f MiB", leak.excess / (1024.0 * 1024.0));
    } else {
      std::snprintf(excess, sizeof excess, "%.0f", std::round(leak.excess));
    }
    fail(leak.resource + " leaked: " + excess + " above steady state after the load stopped");
  }
  // The text as written, so a reader finds the line in the scenario (and the HTML report does
  // not list it twice).
  for (const result::ExpectationResult& e : r.expectations) {
    if (!e.passed) {
      fail(std::string(kExpectationFailedReason) + e.text + (e.observed.empty() ? ": not observed" : ": observed " + e.observed));
    }
  }
}

}  // namespace faultline::analysis
