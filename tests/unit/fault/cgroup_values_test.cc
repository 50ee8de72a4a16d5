#include "harness/fault/cgroup_values.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

#include "fake_cgroup_tree.h"
#include "harness/fault/resource_limits.h"

namespace faultline::fault {
namespace {

TEST(KeyedValue, FindsTheNumberAfterAWholeKey) {
  const std::string events = "low 0\nhigh 2\nmax 17\noom 4\noom_kill 3\n";
  EXPECT_EQ(keyed_value(events, "oom_kill"), 3u);
  EXPECT_EQ(keyed_value(events, "oom"), 4u);
  EXPECT_EQ(keyed_value(events, "max"), 17u);
  EXPECT_EQ(keyed_value("oom_kill_disable 0\nunder_oom 1\n", "oom_kill"), std::nullopt);
  EXPECT_EQ(keyed_value("oom_kill_disable 0\nunder_oom 1\n", "under_oom"), 1u);
}

TEST(HasWord, MatchesWholeWordsOnly) {
  EXPECT_TRUE(has_word("cpuset cpu io memory pids\n", "cpu"));
  EXPECT_TRUE(has_word("cpuset cpu io memory pids\n", "pids"));
  EXPECT_FALSE(has_word("cpuset io memory\n", "cpu"));
  EXPECT_FALSE(has_word("", "memory"));
}

TEST(CpuQuotaFor, GivesTheShareOfA100MillisecondPeriod) {
  EXPECT_EQ(cpu_quota_for(0.5).quota_us, 50'000u);
  EXPECT_EQ(cpu_quota_for(0.5).period_us, 100'000u);
  EXPECT_EQ(cpu_quota_for(1.5).quota_us, 150'000u);
  EXPECT_EQ(cpu_quota_for(0.01).quota_us, 1'000u);
}

TEST(CpuQuotaFor, RefusesSharesTheKernelWouldRefuse) {
  EXPECT_THROW(cpu_quota_for(0.001), LimitError);
  EXPECT_THROW(cpu_quota_for(0), LimitError);
  EXPECT_THROW(cpu_quota_for(-1), LimitError);
  EXPECT_THROW(cpu_quota_for(std::nan("")), LimitError);
  EXPECT_THROW(cpu_quota_for(1e300), LimitError);
}

TEST(ReadCounter, ReadsANumberAndNamesTheFileWhenThereIsNone) {
  testing::FakeCgroupTree tree;
  tree.put("memory.current", "123456\n");
  tree.put("memory.max", "max\n");
  EXPECT_EQ(read_counter(tree, tree.root() / "memory.current"), 123456u);
  try {
    read_counter(tree, tree.root() / "memory.max");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find((tree.root() / "memory.max").string()), std::string::npos);
  }
}

}  // namespace
}  // namespace faultline::fault
