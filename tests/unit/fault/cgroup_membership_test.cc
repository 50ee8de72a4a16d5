#include "harness/fault/cgroup_membership.h"

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

TEST(CgroupMembership, ReadsV1ControllersAndTheUnifiedPath) {
  const auto membership = parse_cgroup_membership(
      "9:name=systemd:/\n8:pids:/\n4:memory:/process_api/dd45\n2:cpuacct:/\n1:cpu:/\n0::/\n");
  EXPECT_EQ(membership.unified, "/");
  EXPECT_EQ(membership.controllers.at("memory"), "/process_api/dd45");
  EXPECT_EQ(membership.controllers.at("cpu"), "/");
  EXPECT_EQ(membership.controllers.count("name=systemd"), 0u);
  EXPECT_EQ(membership.controllers.count("systemd"), 0u);
}

TEST(CgroupMembership, GivesEachControllerOfAJointHierarchyItsPath) {
  const auto membership = parse_cgroup_membership("3:cpu,cpuacct:/ci/job-7\n");
  EXPECT_EQ(membership.controllers.at("cpu"), "/ci/job-7");
  EXPECT_EQ(membership.controllers.at("cpuacct"), "/ci/job-7");
  EXPECT_FALSE(membership.unified);
}

TEST(CgroupMembership, ReadsAPureV2FileAndSkipsLinesItCannotRead) {
  const auto membership = parse_cgroup_membership("garbage\n5:memory\n0::/user.slice/session-2.scope");
  EXPECT_EQ(membership.unified, "/user.slice/session-2.scope");
  EXPECT_TRUE(membership.controllers.empty());
}

TEST(CgroupDirectory, PlacesACgroupPathBelowItsMount) {
  EXPECT_EQ(cgroup_directory("/sys/fs/cgroup/memory", "/"), "/sys/fs/cgroup/memory");
  EXPECT_EQ(cgroup_directory("/sys/fs/cgroup/memory", "/a/b"), "/sys/fs/cgroup/memory/a/b");
}

}  // namespace
}  // namespace faultline::fault
