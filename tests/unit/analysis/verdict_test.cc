// What fails a run without any expectation, and the reasons given, on synthetic results.
#include "harness/analysis/verdict.h"

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

result::TargetEvent exit_at(double t_s, std::optional<std::size_t> fault = std::nullopt, bool oom = false) {
  result::TargetEvent e;
  e.t_s = t_s;
  e.kind = "exit";
  e.signal = "SIGKILL";
  e.fault = fault;
  e.oom_killed = oom;
  return e;
}

observe::LogReport race(observe::ReportTool tool, std::uint64_t count, double at_s) {
  observe::LogReport r;
  r.tool = tool;
  r.kind = "data_race";
  r.count = count;
  r.first_at_s = at_s;
  return r;
}

TEST(Verdict, AQuietRunPasses) {
  result::RunResult run;
  run.target_events.push_back(exit_at(5, 0));  // the kill fault's doing
  judge_run(run);
  EXPECT_EQ(run.verdict, result::Verdict::pass);
  EXPECT_TRUE(run.reasons.empty());
}

TEST(Verdict, ACrashFailsButAnOomKilledExitCountsOnceAsTheOomKill) {
  result::RunResult run;
  run.target_events.push_back(exit_at(2.04));
  result::TargetEvent oom;
  oom.t_s = 7;
  oom.kind = "oom_kill";
  run.target_events.push_back(oom);
  run.target_events.push_back(exit_at(7, std::nullopt, true));
  judge_run(run);
  EXPECT_EQ(run.verdict, result::Verdict::fail);
  EXPECT_EQ(run.reasons, (std::vector<std::string>{"the target exited unexpectedly at 2.0s (killed by SIGKILL)",
                                                   "the target was OOM-killed at 7.0s (memory-limit breach)"}));
}

TEST(Verdict, RacesAreOneReasonPerToolWithTotalDistinctAndFirst) {
  result::RunResult run;
  run.logs.reports = {race(observe::ReportTool::tsan, 28, 0.5), race(observe::ReportTool::tsan, 3, 0.25),
                      race(observe::ReportTool::go_race, 1, 4)};
  observe::LogReport leak_report;
  leak_report.tool = observe::ReportTool::lsan;
  leak_report.kind = "memory_leak";
  run.logs.reports.push_back(leak_report);  // not a race
  judge_run(run);
  EXPECT_EQ(run.reasons, (std::vector<std::string>{"1 data race report(s), 1 distinct, from go-race, the first at 4.0s",
                                                   "31 data race report(s), 2 distinct, from tsan, the first at 0.2s"}));
}

TEST(Verdict, LeaksInTheirUnitAndFailedExpectationsAsWritten) {
  result::RunResult run;
  run.analysis.leaks = {{"threads", "leaked", 624.4, 178, 802, ""},
                        {"rss_bytes", "leaked", 100.25 * 1024 * 1024, 1, 2, ""},
                        {"fds", "unknown", 0, std::nullopt, std::nullopt, "too little data"}};
  result::ExpectationResult held;
  held.text = "load.api.p99 < 250ms";
  held.passed = true;
  result::ExpectationResult failed;
  failed.text = "target.restarts == 0";
  failed.observed = "2";
  run.expectations = {held, failed};
  judge_run(run);
  EXPECT_EQ(run.reasons, (std::vector<std::string>{"threads leaked: 624 above steady state after the load stopped",
                                                   "rss_bytes leaked: 100.2 MiB above steady state after the load stopped",
                                                   "expectation failed: target.restarts == 0: observed 2"}));
}

TEST(Verdict, AFaultThatCouldNotBeAppliedFailsTheRun) {
  result::RunResult run;
  result::FaultRecord applied;
  applied.spec = "pause";
  result::FaultRecord refused;
  refused.spec = "cpu_limit:cpu=0.5";
  refused.error = "could not be applied: no cgroup";
  run.faults = {applied, refused};
  judge_run(run);
  EXPECT_EQ(run.verdict, result::Verdict::fail);
  EXPECT_EQ(run.reasons, std::vector<std::string>{"fault 2 (cpu_limit:cpu=0.5): could not be applied: no cgroup"});
}

TEST(Verdict, AnInterruptedRunStaysInterrupted) {
  result::RunResult run;
  run.verdict = result::Verdict::interrupted;
  run.target_events.push_back(exit_at(1));
  judge_run(run);
  EXPECT_EQ(run.verdict, result::Verdict::interrupted);
  EXPECT_EQ(run.reasons.size(), 1u);
}

}  // namespace
}  // namespace faultline::analysis
