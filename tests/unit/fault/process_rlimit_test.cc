#include "harness/fault/process_rlimit.h"

#include <system_error>

#include <gtest/gtest.h>

#include "harness/fault/hog_process.h"

namespace faultline::fault {
namespace {

// Far above any pid_max, so no process has it.
constexpr pid_t kNoSuchPid = 999'999'999;

TEST(ProcessRlimit, SetsOpenFilesAsSoftAndHardLimitAndReturnsThePreviousOne) {
  HogProcess process = HogProcess::spawn("/bin/sleep", {"5"});
  const ::rlimit original = process_limit(process.pid(), RLIMIT_NOFILE);
  const ::rlimit replaced = set_open_files_limit(process.pid(), 64);
  EXPECT_EQ(replaced.rlim_cur, original.rlim_cur);
  EXPECT_EQ(replaced.rlim_max, original.rlim_max);
  const ::rlimit now = process_limit(process.pid(), RLIMIT_NOFILE);
  EXPECT_EQ(now.rlim_cur, 64u);
  EXPECT_EQ(now.rlim_max, 64u);
}

TEST(ProcessRlimit, ErrorsNameThePidAndTheResource) {
  try {
    set_open_files_limit(kNoSuchPid, 64);
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_process);
    EXPECT_NE(std::string(error.what()).find("pid 999999999, RLIMIT_NOFILE"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("No such process"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace faultline::fault
