#include "harness/fault/rlimit_fallback.h"

#include <gtest/gtest.h>

#include "harness/fault/hog_process.h"
#include "harness/fault/process_rlimit.h"

namespace faultline::fault {
namespace {

constexpr std::uint64_t kGiB = 1ULL << 30;

// A process of our own to limit: prlimit on it is real, and it is stopped and reaped at the end.
HogProcess sleeper() { return HogProcess::spawn("/bin/sleep", {"5"}); }

TEST(RlimitFallback, LimitsTheSoftAddressSpaceOfAdoptedProcessesAndRestoresIt) {
  HogProcess process = sleeper();
  const ::rlimit original = process_limit(process.pid(), RLIMIT_AS);
  RlimitFallback limits("no cgroup; ");
  limits.adopt(process.pid());
  limits.set_memory_limit(kGiB);
  EXPECT_EQ(process_limit(process.pid(), RLIMIT_AS).rlim_cur, kGiB);
  EXPECT_EQ(process_limit(process.pid(), RLIMIT_AS).rlim_max, original.rlim_max);
  limits.set_memory_limit(std::nullopt);
  EXPECT_EQ(process_limit(process.pid(), RLIMIT_AS).rlim_cur, original.rlim_cur);
}

TEST(RlimitFallback, AppliesTheLimitToProcessesAdoptedLaterAndRestoresThemOnClose) {
  HogProcess process = sleeper();
  const ::rlimit original = process_limit(process.pid(), RLIMIT_AS);
  RlimitFallback limits("no cgroup; ");
  limits.set_memory_limit(2 * kGiB);
  limits.adopt(process.pid());
  EXPECT_EQ(process_limit(process.pid(), RLIMIT_AS).rlim_cur, 2 * kGiB);
  limits.close();
  EXPECT_EQ(process_limit(process.pid(), RLIMIT_AS).rlim_cur, original.rlim_cur);
}

TEST(RlimitFallback, ForgetsAdoptedProcessesThatEnded) {
  RlimitFallback limits("no cgroup; ");
  {
    HogProcess process = sleeper();
    limits.adopt(process.pid());
  }
  EXPECT_NO_THROW(limits.set_memory_limit(kGiB));
}

TEST(RlimitFallback, CannotLimitCpuAndSaysWhyThereIsNoCgroup) {
  RlimitFallback limits("cgroup v1: mkdir /sys/fs/cgroup/memory/x: Permission denied; ");
  EXPECT_EQ(limits.mechanism(), "rlimit");
  EXPECT_NO_THROW(limits.set_cpu_limit(std::nullopt));
  try {
    limits.set_cpu_limit(0.5);
    FAIL() << "no error";
  } catch (const LimitError& error) {
    EXPECT_NE(std::string(error.what()).find("Permission denied"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace faultline::fault
