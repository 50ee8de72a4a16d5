#include "harness/fault/cgroup_v1_limits.h"

#include <cerrno>
#include <system_error>

#include <gtest/gtest.h>

#include "fake_cgroup_tree.h"

namespace faultline::fault {
namespace {

// This machine's layout: memory below faultline's own cgroup, cpu at the root.
constexpr const char* kMembership = "9:name=systemd:/\n4:memory:/process_api/dd45\n1:cpu,cpuacct:/\n0::/\n";

class CgroupV1LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.add_v1_memory_hierarchy();
    tree_.add_v1_cpu_hierarchy();
    tree_.add_cgroup("memory/process_api");
    tree_.add_cgroup("memory/process_api/dd45");
    tree_.put("memory/process_api/dd45/cgroup.procs", "7\n4242\n");
    tree_.put("cpu/cgroup.procs", "1\n7\n4242\n");
    options_.cgroup_root = tree_.root();
    options_.membership_file = tree_.membership_file(kMembership);
  }

  std::unique_ptr<ResourceLimits> open() { return open_resource_limits("run1", options_, tree_); }

  std::vector<std::string> calls_from(std::size_t first) const {
    return {tree_.calls().begin() + static_cast<std::ptrdiff_t>(first), tree_.calls().end()};
  }

  testing::FakeCgroupTree tree_;
  LimitsOptions options_;
};

TEST_F(CgroupV1LimitsTest, CreatesChildCgroupsBelowFaultlinesOwnInEachHierarchy) {
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "cgroup-v1");
  EXPECT_EQ(limits->path(), tree_.root() / "memory/process_api/dd45/faultline-run1");
  EXPECT_TRUE(tree_.has("memory/process_api/dd45/faultline-run1/memory.limit_in_bytes"));
  EXPECT_TRUE(tree_.has("cpu/faultline-run1/cpu.cfs_quota_us"));
}

TEST_F(CgroupV1LimitsTest, UsesTheHierarchyRootWhenItsOwnCgroupIsNotVisible) {
  options_.membership_file = tree_.membership_file("4:memory:/docker/abc\n1:cpu:/docker/abc\n");
  const auto limits = open();
  EXPECT_EQ(limits->path(), tree_.root() / "memory/faultline-run1");
  EXPECT_TRUE(tree_.has("cpu/faultline-run1"));
}

TEST_F(CgroupV1LimitsTest, AdoptMovesTheProcessIntoBothCgroups) {
  const auto limits = open();
  limits->adopt(4242);
  EXPECT_EQ(tree_.content("memory/process_api/dd45/faultline-run1/cgroup.procs"), "4242\n");
  EXPECT_EQ(tree_.content("memory/process_api/dd45/cgroup.procs"), "7\n");
  EXPECT_EQ(tree_.content("cpu/faultline-run1/cgroup.procs"), "4242\n");
}

TEST_F(CgroupV1LimitsTest, LowersMemoryBeforeMemoryAndSwapAndRaisesInTheOtherOrder) {
  const auto limits = open();
  const std::string child = "memory/process_api/dd45/faultline-run1/";
  auto first = tree_.calls().size();
  limits->set_memory_limit(256 << 20);
  EXPECT_EQ(calls_from(first), (std::vector<std::string>{
                                   "write " + child + "memory.limit_in_bytes 268435456",
                                   "write " + child + "memory.memsw.limit_in_bytes 268435456",
                               }));
  tree_.put(child + "memory.limit_in_bytes", "268435456\n");
  first = tree_.calls().size();
  limits->set_memory_limit(std::nullopt);
  EXPECT_EQ(calls_from(first), (std::vector<std::string>{
                                   "write " + child + "memory.memsw.limit_in_bytes -1",
                                   "write " + child + "memory.limit_in_bytes -1",
                               }));
}

TEST_F(CgroupV1LimitsTest, WritesOnlyTheMemoryLimitWithoutSwapAccounting) {
  const auto limits = open();
  const std::string child = "memory/process_api/dd45/faultline-run1/";
  std::filesystem::remove(tree_.root() / child / "memory.memsw.limit_in_bytes");
  limits->set_memory_limit(64 << 20);
  EXPECT_EQ(tree_.content(child + "memory.limit_in_bytes"), "67108864");
}

TEST_F(CgroupV1LimitsTest, SetsTheCfsPeriodThenTheQuotaAndLiftsTheQuota) {
  const auto limits = open();
  const auto first = tree_.calls().size();
  limits->set_cpu_limit(0.25);
  limits->set_cpu_limit(std::nullopt);
  EXPECT_EQ(calls_from(first), (std::vector<std::string>{
                                   "write cpu/faultline-run1/cpu.cfs_period_us 100000",
                                   "write cpu/faultline-run1/cpu.cfs_quota_us 25000",
                                   "write cpu/faultline-run1/cpu.cfs_quota_us -1",
                               }));
}

TEST_F(CgroupV1LimitsTest, CpuLimitWithoutAUsableCpuHierarchySaysWhy) {
  tree_.fail("cpu/faultline-run1", EACCES);
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "cgroup-v1");
  limits->set_cpu_limit(std::nullopt);  // nothing to lift
  try {
    limits->set_cpu_limit(0.5);
    FAIL() << "no error";
  } catch (const LimitError& error) {
    EXPECT_NE(std::string(error.what()).find("Permission denied"), std::string::npos) << error.what();
  }
}

TEST_F(CgroupV1LimitsTest, ReadsUsagePeakOomKillsAndLimitHits) {
  const auto limits = open();
  const std::string child = "memory/process_api/dd45/faultline-run1/";
  tree_.put(child + "memory.usage_in_bytes", "1000\n");
  tree_.put(child + "memory.max_usage_in_bytes", "2000\n");
  tree_.put(child + "memory.failcnt", "12\n");
  tree_.put(child + "memory.oom_control", "oom_kill_disable 0\nunder_oom 1\noom_kill 2\n");
  const MemoryStatus status = limits->memory_status();
  EXPECT_EQ(status.usage_bytes, 1000u);
  EXPECT_EQ(status.peak_bytes, 2000u);
  EXPECT_EQ(status.limit_hits, 12u);
  EXPECT_EQ(status.oom_kills, 2u);
  EXPECT_TRUE(status.under_oom);
}

TEST_F(CgroupV1LimitsTest, HasNoOomKillCountOnKernelsWithoutIt) {
  const auto limits = open();
  tree_.put("memory/process_api/dd45/faultline-run1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
  const MemoryStatus status = limits->memory_status();
  EXPECT_EQ(status.oom_kills, std::nullopt);
  EXPECT_FALSE(status.under_oom);
}

TEST_F(CgroupV1LimitsTest, CloseMovesProcessesBackAndRemovesBothCgroups) {
  const auto limits = open();
  limits->adopt(4242);
  limits->close();
  EXPECT_FALSE(tree_.has("memory/process_api/dd45/faultline-run1"));
  EXPECT_FALSE(tree_.has("cpu/faultline-run1"));
  EXPECT_EQ(tree_.content("memory/process_api/dd45/cgroup.procs"), "7\n4242\n");
  EXPECT_EQ(tree_.content("cpu/cgroup.procs"), "1\n7\n4242\n");
}

TEST_F(CgroupV1LimitsTest, CloseRemovesTheCpuCgroupEvenWhenTheMemoryOneFails) {
  const auto limits = open();
  tree_.fail("memory/process_api/dd45/faultline-run1", EACCES, 1);
  EXPECT_THROW(limits->close(), std::system_error);
  EXPECT_FALSE(tree_.has("cpu/faultline-run1"));
  limits->close();
  EXPECT_FALSE(tree_.has("memory/process_api/dd45/faultline-run1"));
}

TEST_F(CgroupV1LimitsTest, TheDestructorRemovesTheCgroupsWhenTheRunFails) {
  try {
    const auto limits = open();
    limits->adopt(4242);
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(tree_.has("memory/process_api/dd45/faultline-run1"));
  EXPECT_FALSE(tree_.has("cpu/faultline-run1"));
  EXPECT_EQ(tree_.content("cpu/cgroup.procs"), "1\n7\n4242\n");
}

TEST_F(CgroupV1LimitsTest, ALeftoverCgroupOfTheSameNameIsAnErrorAndNothingIsLeftBehind) {
  tree_.add_cgroup("cpu/faultline-run1");
  try {
    open();
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::file_exists);
    EXPECT_NE(std::string(error.what()).find("cpu/faultline-run1"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(tree_.has("memory/process_api/dd45/faultline-run1"));
  EXPECT_TRUE(tree_.has("cpu/faultline-run1"));
}

}  // namespace
}  // namespace faultline::fault
