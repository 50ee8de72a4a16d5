#include "harness/fault/resource_limits.h"

#include <cerrno>
#include <stdexcept>

#include <gtest/gtest.h>

#include "fake_cgroup_tree.h"

namespace faultline::fault {
namespace {

class ResourceLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.cgroup_root = tree_.root();
    options_.membership_file = tree_.membership_file("4:memory:/\n1:cpu:/\n0::/\n");
  }

  std::unique_ptr<ResourceLimits> open(std::string_view run_id = "run1") {
    return open_resource_limits(run_id, options_, tree_);
  }

  std::string cpu_limit_error(ResourceLimits& limits) {
    try {
      limits.set_cpu_limit(0.5);
    } catch (const LimitError& error) {
      return error.what();
    }
    return "no error";
  }

  testing::FakeCgroupTree tree_;
  LimitsOptions options_;
};

TEST_F(ResourceLimitsTest, PrefersCgroupV2WhenItHasTheMemoryController) {
  tree_.add_v2_hierarchy("cpu memory");
  tree_.add_v1_memory_hierarchy();
  EXPECT_EQ(open()->mechanism(), "cgroup-v2");
}

TEST_F(ResourceLimitsTest, UsesCgroupV1WhenTheUnifiedHierarchyHasNoMemoryController) {
  tree_.add_v2_hierarchy("pids");
  tree_.add_v1_memory_hierarchy();
  tree_.add_v1_cpu_hierarchy();
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "cgroup-v1");
  EXPECT_FALSE(tree_.has("faultline-run1"));
}

TEST_F(ResourceLimitsTest, FallsBackToRlimitWhenNoCgroupIsWritableAndSaysWhyForCpu) {
  tree_.add_v2_hierarchy("cpu memory");
  tree_.fail("cgroup.subtree_control", EBUSY);
  tree_.add_v1_memory_hierarchy();
  tree_.fail("memory/faultline-run1", EACCES);
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "rlimit");
  EXPECT_TRUE(limits->path().empty());
  EXPECT_EQ(limits->memory_status(), MemoryStatus{});
  const std::string message = cpu_limit_error(*limits);
  EXPECT_NE(message.find("Device or resource busy"), std::string::npos) << message;
  EXPECT_NE(message.find("Permission denied"), std::string::npos) << message;
  EXPECT_NE(message.find("cpu limit"), std::string::npos) << message;
}

TEST_F(ResourceLimitsTest, FallsBackToRlimitWithoutAnyCgroupHierarchy) {
  const auto limits = open();
  EXPECT_EQ(limits->mechanism(), "rlimit");
  EXPECT_NE(cpu_limit_error(*limits).find("no memory hierarchy"), std::string::npos);
}

TEST_F(ResourceLimitsTest, UsesTheHierarchyRootsWithoutAMembershipFile) {
  tree_.add_v1_memory_hierarchy();
  options_.membership_file = tree_.root() / "missing";
  EXPECT_EQ(open()->path(), tree_.root() / "memory/faultline-run1");
}

TEST_F(ResourceLimitsTest, RefusesRunIdsThatAreNotSafeDirectoryNames) {
  tree_.add_v1_memory_hierarchy();
  const std::string_view unsafe[] = {"", "..", "a/b", "run 1", std::string_view("x\0y", 3)};
  for (const std::string_view id : unsafe) {
    EXPECT_THROW(open(id), std::invalid_argument) << id;
  }
  EXPECT_THROW(open(std::string(65, 'a')), std::invalid_argument);
  EXPECT_EQ(open("2024-05-01T10.00_ab-1")->path(), tree_.root() / "memory/faultline-2024-05-01T10.00_ab-1");
}

}  // namespace
}  // namespace faultline::fault
