#include "harness/observe/proc_stat.h"

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
// cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
std::string stat_line(const std::string& comm) {
  return "4242 (" + comm +
         ") S 17 4242 17 0 -1 4194560 900 7 0 0 150 30 12 3 20 0 9 0 1297667 3133440 426 "
         "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
}

struct CommCase {
  const char* name;
  std::string comm;
};

class ParseProcStatComm : public ::testing::TestWithParam<CommCase> {};

TEST_P(ParseProcStatComm, ReadsEveryFieldWhateverTheCommHolds) {
  const std::optional<ProcStat> stat = parse_proc_stat(stat_line(GetParam().comm));
  ASSERT_TRUE(stat.has_value());
  EXPECT_EQ(stat->pid, 4242);
  EXPECT_EQ(stat->comm, GetParam().comm);
  EXPECT_EQ(stat->state, 'S');
  EXPECT_EQ(stat->ppid, 17);
  EXPECT_EQ(stat->user_ticks, 150u);
  EXPECT_EQ(stat->system_ticks, 30u);
  EXPECT_EQ(stat->reaped_user_ticks, 12u);
  EXPECT_EQ(stat->reaped_system_ticks, 3u);
  EXPECT_EQ(stat->threads, 9u);
  EXPECT_EQ(stat->resident_pages, 426u);
}

INSTANTIATE_TEST_SUITE_P(Comms, ParseProcStatComm,
                         ::testing::Values(CommCase{"Plain", "kvstore"}, CommCase{"WithSpaces", "Web Content"},
                                           CommCase{"WithParentheses", "a) S 1 (b"},
                                           CommCase{"EndingInParenthesis", "worker)"},
                                           CommCase{"Empty", ""}),
                         [](const auto& info) { return std::string(info.param.name); });

struct BadStat {
  const char* name;
  const char* text;
};

class ParseProcStatRejects : public ::testing::TestWithParam<BadStat> {};

TEST_P(ParseProcStatRejects, MalformedLines) { EXPECT_FALSE(parse_proc_stat(GetParam().text).has_value()); }

INSTANTIATE_TEST_SUITE_P(
    Lines, ParseProcStatRejects,
    ::testing::Values(BadStat{"Empty", ""}, BadStat{"NoParentheses", "12 kvstore S 1 2 3"},
                      BadStat{"TooFewFields", "12 (kvstore) S 1 12 12 0 -1 0 0 0 0 0 5 6"},
                      BadStat{"NonNumericPid", "x (kvstore) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 1"},
                      BadStat{"NonNumericThreads", "12 (kvstore) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 many 0 1 1 1"},
                      BadStat{"LongState", "12 (kvstore) SS 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 1 1 1"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ParseProcStatus, ReadsMemoryAndContextSwitches) {
  const ProcStatus status = parse_proc_status(
      "Name:\tkvstore\nState:\tS (sleeping)\nVmPeak:\t  3776 kB\nVmHWM:\t    2080 kB\nVmRSS:\t    2048 kB\n"
      "Threads:\t1\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n");
  EXPECT_EQ(status.rss_bytes, 2048u * 1024);
  EXPECT_EQ(status.peak_rss_bytes, 2080u * 1024);
  EXPECT_EQ(status.voluntary_context_switches, 12u);
  EXPECT_EQ(status.involuntary_context_switches, 3u);
}

TEST(ParseProcStatus, AKernelThreadHasNoMemoryFields) {
  const ProcStatus status =
      parse_proc_status("Name:\tkworker/0:1\nThreads:\t1\nvoluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t0\n");
  EXPECT_FALSE(status.rss_bytes.has_value());
  EXPECT_FALSE(status.peak_rss_bytes.has_value());
  EXPECT_EQ(status.voluntary_context_switches, 5u);
}

TEST(ParseProcStatus, IgnoresUnreadableValues) {
  const ProcStatus status = parse_proc_status("VmRSS:\tlots\nvoluntary_ctxt_switches:\t-\n");
  EXPECT_FALSE(status.rss_bytes.has_value());
  EXPECT_EQ(status.voluntary_context_switches, 0u);
}

}  // namespace
}  // namespace faultline::observe
