// The limits against the machine's real cgroup hierarchy, run by hand only (it needs root and
// creates cgroups): unit_fault_tests --gtest_also_run_disabled_tests --gtest_filter='RealCgroup.*'
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "harness/fault/hog_process.h"
#include "harness/fault/resource_limits.h"

namespace faultline::fault {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

TEST(RealCgroup, DISABLED_LimitsASpawnedProcessAndLeavesNothingBehind) {
  const std::string run_id = "manual-" + std::to_string(::getpid());
  std::filesystem::path path;
  pid_t pid = -1;
  {
    const auto limits = open_resource_limits(run_id);
    path = limits->path();
    std::cout << "mechanism: " << limits->mechanism() << "\npath: " << path.string() << "\n";
    HogProcess sleeper = HogProcess::spawn("/bin/sleep", {"5"});
    pid = sleeper.pid();
    limits->adopt(pid);
    limits->set_memory_limit(64ULL << 20);
    limits->set_cpu_limit(0.5);
    std::cout << "/proc/" << pid << "/cgroup:\n" << read_file("/proc/" + std::to_string(pid) + "/cgroup");
    if (limits->mechanism() != "rlimit") {
      const auto limit_file = limits->mechanism() == "cgroup-v1" ? "memory.limit_in_bytes" : "memory.max";
      std::cout << limit_file << ": " << read_file(path / limit_file);
      EXPECT_EQ(read_file(path / limit_file), "67108864\n");
    }
    const MemoryStatus status = limits->memory_status();
    std::cout << "usage_bytes: " << status.usage_bytes.value_or(0) << " peak_bytes: " << status.peak_bytes.value_or(0)
              << " oom_kills: " << status.oom_kills.value_or(0) << " limit_hits: " << status.limit_hits.value_or(0)
              << "\n";
    sleeper.stop();
    limits->close();
  }
  EXPECT_FALSE(std::filesystem::exists(path)) << path;
  EXPECT_FALSE(std::filesystem::exists("/sys/fs/cgroup/cpu/faultline-" + run_id));
}

}  // namespace
}  // namespace faultline::fault
