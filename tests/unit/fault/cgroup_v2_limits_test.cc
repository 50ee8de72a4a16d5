#include "harness/fault/cgroup_v2_limits.h"

#include <cerrno>

#include <gtest/gtest.h>

#include "fake_cgroup_tree.h"

namespace faultline::fault {
namespace {

class CgroupV2LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.add_v2_hierarchy("cpuset cpu io memory pids");
    tree_.put("cgroup.subtree_control", "cpu memory\n");
    options_.cgroup_root = tree_.root();
    options_.membership_file = tree_.membership_file("0::/\n");
  }

  std::unique_ptr<ResourceLimits> open() { return open_resource_limits("run1", options_, tree_); }

  testing::FakeCgroupTree tree_;
  LimitsOptions options_;
};

TEST_F(CgroupV2LimitsTest, CreatesTheChildBelowTheRootWhenFaultlineRunsThere) {
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "cgroup-v2");
  EXPECT_EQ(limits->path(), tree_.root() / "faultline-run1");
  EXPECT_TRUE(tree_.has("faultline-run1/memory.max"));
}

TEST_F(CgroupV2LimitsTest, CreatesTheChildBesideFaultlinesOwnCgroupAndEnablesTheControllers) {
  tree_.add_cgroup("user.slice");
  tree_.add_cgroup("user.slice/session-2.scope");
  tree_.put("user.slice/cgroup.controllers", "cpu memory pids\n");
  options_.membership_file = tree_.membership_file("0::/user.slice/session-2.scope\n");
  const auto limits = open();
  EXPECT_EQ(limits->path(), tree_.root() / "user.slice/faultline-run1");
  EXPECT_NE(std::find(tree_.calls().begin(), tree_.calls().end(),
                      "write user.slice/cgroup.subtree_control +memory +cpu "),
            tree_.calls().end());
}

TEST_F(CgroupV2LimitsTest, WritesMemoryMaxWithoutSwapAndLiftsBoth) {
  const auto limits = open();
  limits->set_memory_limit(64 << 20);
  EXPECT_EQ(tree_.content("faultline-run1/memory.max"), "67108864");
  EXPECT_EQ(tree_.content("faultline-run1/memory.swap.max"), "0");
  limits->set_memory_limit(std::nullopt);
  EXPECT_EQ(tree_.content("faultline-run1/memory.max"), "max");
  EXPECT_EQ(tree_.content("faultline-run1/memory.swap.max"), "max");
}

TEST_F(CgroupV2LimitsTest, WritesCpuMaxAsQuotaAndPeriod) {
  const auto limits = open();
  limits->set_cpu_limit(1.5);
  EXPECT_EQ(tree_.content("faultline-run1/cpu.max"), "150000 100000");
  limits->set_cpu_limit(std::nullopt);
  EXPECT_EQ(tree_.content("faultline-run1/cpu.max"), "max");
}

TEST_F(CgroupV2LimitsTest, CpuLimitIsALimitErrorWithoutTheCpuController) {
  tree_.put("cgroup.controllers", "memory pids\n");
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "cgroup-v2");
  EXPECT_THROW(limits->set_cpu_limit(0.5), LimitError);
}

TEST_F(CgroupV2LimitsTest, ReadsUsageOomKillsAndLimitHitsFromMemoryEvents) {
  const auto limits = open();
  limits->adopt(4242);
  tree_.put("faultline-run1/memory.current", "5000\n");
  tree_.put("faultline-run1/memory.events", "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\noom_group_kill 0\n");
  MemoryStatus status = limits->memory_status();
  EXPECT_EQ(status.usage_bytes, 5000u);
  EXPECT_EQ(status.peak_bytes, std::nullopt);  // no memory.peak before kernel 5.19
  EXPECT_EQ(status.oom_kills, 1u);
  EXPECT_EQ(status.limit_hits, 9u);
  tree_.put("faultline-run1/memory.peak", "8000\n");
  EXPECT_EQ(limits->memory_status().peak_bytes, 8000u);
}

TEST_F(CgroupV2LimitsTest, CloseMovesProcessesBackAndRemovesTheCgroup) {
  const auto limits = open();
  limits->adopt(4242);
  limits->close();
  EXPECT_FALSE(tree_.has("faultline-run1"));
  EXPECT_EQ(tree_.content("cgroup.procs"), "4242\n");
}

}  // namespace
}  // namespace faultline::fault
