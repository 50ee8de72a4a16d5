#include "harness/fault/hog_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <fstream>
#include <system_error>
#include <thread>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;

// Whether the pid is gone for good: not running and not a zombie waiting to be reaped.
bool reaped(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

std::string command_name(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(file, name);
  return name;
}

// Real processes, so waits are real but bounded.
template <typename Condition>
bool within_two_seconds(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

TEST(HogArguments, SpellsTheHiddenSubcommandForEachResource) {
  scenario::HogFault memory;
  memory.resource = scenario::HogFault::Resource::memory;
  memory.memory_bytes = 256ULL << 20;
  EXPECT_EQ(hog_arguments(memory, 10s),
            (std::vector<std::string>{"hog", "memory", "--bytes", "268435456", "--for", "10s"}));
  scenario::HogFault cpu;
  cpu.resource = scenario::HogFault::Resource::cpu;
  cpu.cpu_cores = 1.5;
  EXPECT_EQ(hog_arguments(cpu, 1500ms), (std::vector<std::string>{"hog", "cpu", "--cores", "1.5", "--for", "1.5s"}));
  cpu.cpu_cores = 0.1;
  EXPECT_EQ(hog_arguments(cpu, 1min)[3], "0.1");
}

TEST(HogProcess, StopEndsTheProcessAndReapsIt) {
  HogProcess hog = HogProcess::spawn("/bin/sleep", {"5"});
  const pid_t pid = hog.pid();
  ASSERT_GT(pid, 0);
  EXPECT_EQ(::kill(pid, 0), 0);
  EXPECT_EQ(::getpgid(pid), pid);  // a group of its own
  const HogExit exit = hog.stop();
  EXPECT_EQ(exit.signal, SIGTERM);
  EXPECT_TRUE(reaped(pid));
  EXPECT_EQ(hog.stop().signal, SIGTERM);  // idempotent
}

TEST(HogProcess, KillsAHogThatIgnoresSigterm) {
  HogProcess hog = HogProcess::spawn("/bin/sh", {"-c", "trap '' TERM; exec /bin/sleep 5"}, 50ms);
  // The trap is in place once the shell has exec'ed sleep (an ignored signal survives exec).
  ASSERT_TRUE(within_two_seconds([&] { return command_name(hog.pid()) == "sleep"; }));
  const pid_t pid = hog.pid();
  EXPECT_EQ(hog.stop().signal, SIGKILL);
  EXPECT_TRUE(reaped(pid));
}

TEST(HogProcess, ReportsAnExitOfItsOwn) {
  HogProcess hog = HogProcess::spawn("/bin/sh", {"-c", "exit 3"});
  std::optional<HogExit> exit;
  EXPECT_TRUE(within_two_seconds([&] { return (exit = hog.poll_exit()).has_value(); }));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->exit_code, 3);
  EXPECT_TRUE(reaped(hog.pid()));
  EXPECT_EQ(hog.stop().exit_code, 3);
}

TEST(HogProcess, TheDestructorStopsAndReapsTheHog) {
  pid_t pid = -1;
  {
    HogProcess hog = HogProcess::spawn("/bin/sleep", {"5"});
    pid = hog.pid();
    HogProcess moved = std::move(hog);
    EXPECT_EQ(moved.pid(), pid);
  }
  EXPECT_TRUE(reaped(pid));
  EXPECT_EQ(::waitpid(pid, nullptr, WNOHANG), -1);
}

TEST(HogProcess, AMissingExecutableIsAnErrorNamingIt) {
  try {
    HogProcess::spawn("/nonexistent/faultline", {"hog", "cpu"});
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/faultline"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace faultline::fault
