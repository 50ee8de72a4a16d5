#include "harness/fault/child_cgroup.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <gtest/gtest.h>

#include "fake_cgroup_tree.h"

namespace faultline::fault {
namespace {

class ChildCgroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.add_v1_memory_hierarchy();
    tree_.put("memory/cgroup.procs", "1\n42\n");
  }

  testing::FakeCgroupTree tree_;
};

TEST_F(ChildCgroupTest, CreatesTheCgroupWithItsControlFiles) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  EXPECT_EQ(cgroup.path(), tree_.root() / "memory" / "faultline-run1");
  EXPECT_TRUE(tree_.has("memory/faultline-run1/memory.limit_in_bytes"));
}

TEST_F(ChildCgroupTest, AdoptMovesTheProcessOutOfItsCgroup) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  cgroup.adopt(42);
  EXPECT_EQ(tree_.content("memory/faultline-run1/cgroup.procs"), "42\n");
  EXPECT_EQ(tree_.content("memory/cgroup.procs"), "1\n");
}

TEST_F(ChildCgroupTest, RemoveMovesRemainingProcessesToTheParentBeforeRemovingTheDirectory) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  cgroup.adopt(42);
  cgroup.adopt(43);
  cgroup.remove();
  EXPECT_FALSE(tree_.has("memory/faultline-run1"));
  EXPECT_EQ(tree_.content("memory/cgroup.procs"), "1\n42\n43\n");
  const std::vector<std::string> expected = {
      "mkdir memory/faultline-run1",
      "write memory/faultline-run1/cgroup.procs 42",
      "write memory/faultline-run1/cgroup.procs 43",
      "write memory/cgroup.procs 42",
      "write memory/cgroup.procs 43",
      "rmdir memory/faultline-run1",
  };
  EXPECT_EQ(tree_.calls(), expected);
}

TEST_F(ChildCgroupTest, RemoveSkipsProcessesThatEndedMeanwhile) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  cgroup.adopt(42);
  tree_.end_process(42);
  cgroup.remove();
  EXPECT_FALSE(tree_.has("memory/faultline-run1"));
  EXPECT_EQ(tree_.content("memory/cgroup.procs"), "1\n");
}

TEST_F(ChildCgroupTest, RemoveRetriesWhenTheCgroupIsStillBusy) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  tree_.fail("memory/faultline-run1", EBUSY, 2);
  cgroup.remove();
  EXPECT_FALSE(tree_.has("memory/faultline-run1"));
  EXPECT_EQ(std::count(tree_.calls().begin(), tree_.calls().end(), "rmdir memory/faultline-run1"), 3);
}

TEST_F(ChildCgroupTest, RemoveGivesUpAfterBoundedAttemptsNamingTheDirectory) {
  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
  tree_.fail("memory/faultline-run1", EBUSY);
  try {
    cgroup.remove();
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::device_or_resource_busy);
    EXPECT_NE(std::string(error.what()).find("faultline-run1"), std::string::npos) << error.what();
  }
  EXPECT_EQ(std::count(tree_.calls().begin(), tree_.calls().end(), "rmdir memory/faultline-run1"), 5);
  tree_.fail("memory/faultline-run1", 0, 0);  // the destructor may now succeed
}

TEST_F(ChildCgroupTest, TheDestructorRemovesTheCgroupAndRemoveIsIdempotent) {
  {
    ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
    cgroup.adopt(42);
  }
  EXPECT_FALSE(tree_.has("memory/faultline-run1"));
  EXPECT_EQ(tree_.content("memory/cgroup.procs"), "1\n42\n");

  ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run2");
  cgroup.remove();
  const auto calls = tree_.calls().size();
  cgroup.remove();
  EXPECT_EQ(tree_.calls().size(), calls);
}

TEST_F(ChildCgroupTest, RefusesACgroupThatAlreadyExists) {
  tree_.add_cgroup("memory/faultline-run1");
  try {
    ChildCgroup cgroup(tree_, tree_.root() / "memory", "faultline-run1");
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::file_exists);
  }
  EXPECT_TRUE(tree_.has("memory/faultline-run1"));  // not ours, so not removed
}

}  // namespace
}  // namespace faultline::fault
