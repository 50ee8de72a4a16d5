#include "harness/fault/process_signals.h"

#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include <gtest/gtest.h>

#include "harness/fault/hog_process.h"

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;

constexpr pid_t kNoSuchPid = 999'999'999;

// The state letter in /proc/<pid>/stat: 'S' sleeping, 'T' stopped, ...
char process_state(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::size_t after_name = stat.rfind(") ");
  return after_name == std::string::npos ? '?' : stat[after_name + 2];
}

// Real processes, so the wait is real but bounded.
bool reaches_state(pid_t pid, char state) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (process_state(pid) == state) return true;
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

TEST(ProcessSignals, PauseStopsAProcessGroupAndResumeContinuesIt) {
  // A hog runs in a process group of its own, whose id is its pid.
  HogProcess process = HogProcess::spawn("/bin/sleep", {"5"});
  pause_processes(process.pid(), SignalScope::process_group);
  EXPECT_TRUE(reaches_state(process.pid(), 'T'));
  resume_processes(process.pid(), SignalScope::process_group);
  EXPECT_TRUE(reaches_state(process.pid(), 'S'));
}

TEST(ProcessSignals, SendsTheGivenSignal) {
  HogProcess process = HogProcess::spawn("/bin/sleep", {"5"});
  send_signal(process.pid(), SignalScope::process, SIGUSR1);
  std::optional<HogExit> exit;
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!(exit = process.poll_exit()) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->signal, SIGUSR1);
}

TEST(ProcessSignals, ErrorsNameTheTargetAndTheSignal) {
  try {
    send_signal(kNoSuchPid, SignalScope::process_group, SIGTERM);
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_process);
    EXPECT_NE(std::string(error.what()).find("process group 999999999, SIGTERM"), std::string::npos)
        << error.what();
  }
}

// Signal 0 only checks, so a regression here cannot signal this test's group or every process.
TEST(ProcessSignals, RefusesIdsThatKillWouldReadAsOwnGroupOrEveryProcess) {
  EXPECT_THROW(send_signal(0, SignalScope::process, 0), std::system_error);
  EXPECT_THROW(send_signal(-1, SignalScope::process_group, 0), std::system_error);
}

}  // namespace
}  // namespace faultline::fault
