#include "harness/engine/target_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Real processes, so waits are real but bounded: every helper gives up after two seconds.
constexpr auto kPatience = 2s;

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }
bool process_group_exists(pid_t group) { return ::kill(-group, 0) == 0 || errno != ESRCH; }

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// The first line the target wrote to `path`, once it has written one.
std::string wait_for_line(const fs::path& path) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string content = read_file(path);
    if (const std::size_t newline = content.find('\n'); newline != std::string::npos)
      return content.substr(0, newline);
    std::this_thread::sleep_for(1ms);
  }
  ADD_FAILURE() << "no line in " << path;
  return "";
}

ExitStatus wait_for_exit(TargetProcess& target) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (const std::optional<ExitStatus> status = target.poll_exit()) return *status;
    std::this_thread::sleep_for(1ms);
  }
  ADD_FAILURE() << "target " << target.pid() << " did not exit";
  return target.stop(0ms);
}

std::string spawn_error(const SpawnSpec& spec) {
  try {
    TargetProcess::spawn(spec);
  } catch (const SpawnError& error) {
    return error.what();
  }
  return "no error";
}

class TargetProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "faultline-target-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = fs::canonical(pattern);
  }
  void TearDown() override { fs::remove_all(dir_); }

  SpawnSpec spec(std::vector<std::string> argv) const {
    SpawnSpec result;
    result.argv = std::move(argv);
    result.output_dir = dir_;
    result.stop_grace = 200ms;
    return result;
  }
  SpawnSpec shell(const std::string& script) const { return spec({"/bin/sh", "-c", script}); }

  fs::path write_program(const std::string& name, const std::string& content, fs::perms permissions) const {
    const fs::path path = dir_ / name;
    std::ofstream(path) << content;
    fs::permissions(path, permissions);
    return path;
  }

  // What the target printed on its first line of stdout, after it ran to completion.
  std::string first_line_of(const SpawnSpec& target_spec) const {
    TargetProcess target = TargetProcess::spawn(target_spec);
    wait_for_exit(target);
    const std::string output = read_file(target.stdout_path());
    return output.substr(0, output.find('\n'));
  }

  fs::path dir_;
};

TEST_F(TargetProcessTest, CapturesStdoutAndStderrInSeparateFilesOfTheOutputDirectory) {
  TargetProcess target = TargetProcess::spawn(shell("echo to-stdout; echo to-stderr >&2"));

  const ExitStatus status = wait_for_exit(target);

  EXPECT_EQ(status.exit_code, 0);
  EXPECT_EQ(target.stdout_path(), dir_ / "target.stdout.log");
  EXPECT_EQ(target.stderr_path(), dir_ / "target.stderr.log");
  EXPECT_EQ(read_file(dir_ / "target.stdout.log"), "to-stdout\n");
  EXPECT_EQ(read_file(dir_ / "target.stderr.log"), "to-stderr\n");
}

TEST_F(TargetProcessTest, TruncatesOutputFilesLeftFromAnEarlierTarget) {
  std::ofstream(dir_ / "target.stdout.log") << "stale output of an earlier run\n";
  first_line_of(shell("echo fresh"));
  EXPECT_EQ(read_file(dir_ / "target.stdout.log"), "fresh\n");
}

TEST_F(TargetProcessTest, AddsTheExtraEnvironmentOnTopOfFaultlines) {
  ::setenv("FAULTLINE_TEST_INHERITED", "inherited", 1);
  ::setenv("FAULTLINE_TEST_OVERRIDDEN", "faultline's", 1);
  SpawnSpec target_spec =
      shell("echo \"$FAULTLINE_TEST_INHERITED $FAULTLINE_TEST_OVERRIDDEN $FAULTLINE_TEST_EXTRA\"");
  target_spec.env = {{"FAULTLINE_TEST_OVERRIDDEN", "target's"}, {"FAULTLINE_TEST_EXTRA", "extra"}};

  EXPECT_EQ(first_line_of(target_spec), "inherited target's extra");
  ::unsetenv("FAULTLINE_TEST_INHERITED");
  ::unsetenv("FAULTLINE_TEST_OVERRIDDEN");
}

TEST_F(TargetProcessTest, RunsInTheGivenWorkingDirectory) {
  fs::create_directory(dir_ / "work");
  SpawnSpec target_spec = spec({"/bin/pwd"});
  target_spec.cwd = dir_ / "work";
  EXPECT_EQ(first_line_of(target_spec), (dir_ / "work").string());
}

TEST_F(TargetProcessTest, LooksUpABareProgramNameInThePathTheTargetGets) {
  fs::create_directory(dir_ / "bin");
  write_program("bin/hello-from-path", "#!/bin/sh\necho hello\n", fs::perms::owner_all);
  SpawnSpec target_spec = spec({"hello-from-path"});
  target_spec.env = {{"PATH", (dir_ / "bin").string() + ":/usr/bin:/bin"}};
  EXPECT_EQ(first_line_of(target_spec), "hello");
}

TEST_F(TargetProcessTest, ResolvesARelativeProgramPathAgainstTheWorkingDirectory) {
  fs::create_directory(dir_ / "work");
  write_program("work/local-program", "#!/bin/sh\necho local\n", fs::perms::owner_all);
  SpawnSpec target_spec = spec({"./local-program"});
  target_spec.cwd = dir_ / "work";
  EXPECT_EQ(first_line_of(target_spec), "local");
}

TEST_F(TargetProcessTest, ReportsAMissingProgramAtSpawnNamingTheField) {
  EXPECT_EQ(spawn_error(spec({"/nonexistent/kvstore", "--port", "1"})),
            "target.command[0]: /nonexistent/kvstore: No such file or directory");
}

TEST_F(TargetProcessTest, ReportsAProgramThatIsNotExecutable) {
  const fs::path program =
      write_program("not-executable", "#!/bin/sh\n", fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(spawn_error(spec({program.string()})),
            "target.command[0]: " + program.string() + ": Permission denied");
}

TEST_F(TargetProcessTest, ReportsAProgramWhoseInterpreterIsMissing) {
  const fs::path program =
      write_program("orphan-script", "#!/nonexistent/interpreter\n", fs::perms::owner_all);
  EXPECT_EQ(
      spawn_error(spec({program.string()})),
      "target.command[0]: " + program.string() +
          ": No such file or directory (the file exists, so its interpreter or dynamic loader is missing)");
}

TEST_F(TargetProcessTest, ReportsABareNameThatIsNotInThePath) {
  EXPECT_EQ(spawn_error(spec({"faultline-no-such-program"})),
            "target.command[0]: faultline-no-such-program: not found in PATH");
}

TEST_F(TargetProcessTest, ReportsAnEmptyCommand) {
  EXPECT_EQ(spawn_error(spec({})), "target.command: is empty, there is nothing to run");
}

TEST_F(TargetProcessTest, ReportsAMissingWorkingDirectory) {
  SpawnSpec target_spec = spec({"/bin/true"});
  target_spec.cwd = dir_ / "missing";
  EXPECT_EQ(spawn_error(target_spec),
            "target.cwd: " + (dir_ / "missing").string() + ": No such file or directory");
}

TEST_F(TargetProcessTest, ReportsAnOutputDirectoryThatCannotBeWritten) {
  SpawnSpec target_spec = spec({"/bin/true"});
  target_spec.output_dir = dir_ / "missing";
  EXPECT_EQ(spawn_error(target_spec), "cannot open " + (dir_ / "missing" / "target.stdout.log").string() +
                                          ": No such file or directory");
}

TEST_F(TargetProcessTest, PutsTheTargetInAProcessGroupOfItsOwn) {
  TargetProcess target = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
  EXPECT_EQ(::getpgid(target.pid()), target.pid());
  EXPECT_NE(::getpgid(target.pid()), ::getpgrp());
  target.stop(200ms);
}

TEST_F(TargetProcessTest, GivesTheTargetAnEmptyStdin) {
  EXPECT_EQ(first_line_of(shell("if read -r line; then echo got-input; else echo end-of-input; fi")),
            "end-of-input");
}

TEST_F(TargetProcessTest, DoesNotPassFaultlinesDescriptorsToTheTarget) {
  const int inheritable = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(inheritable, 0);
  const std::string fd = std::to_string(inheritable);
  EXPECT_EQ(
      first_line_of(shell("if [ -e /proc/self/fd/" + fd + " ]; then echo leaked; else echo closed; fi")),
      "closed");
  ::close(inheritable);
}

TEST_F(TargetProcessTest, ResetsIgnoredAndBlockedSignalsForTheTarget) {
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGUSR1, &ignore, &previous);
  sigset_t blocked;
  sigset_t previous_mask;
  ::sigemptyset(&blocked);
  ::sigaddset(&blocked, SIGUSR2);
  ::pthread_sigmask(SIG_BLOCK, &blocked, &previous_mask);

  // Only shell builtins, so /proc/self is the target itself. Masks are tested bit by bit:
  // glibc's posix_spawn leaves its two reserved real-time signals ignored, which no program
  // linked against glibc can observe.
  const std::string usr1 = std::to_string(1ULL << (SIGUSR1 - 1));
  const std::string usr2 = std::to_string(1ULL << (SIGUSR2 - 1));
  const std::string usr1_ignored_usr2_blocked = first_line_of(
      shell("while read -r key value; do case $key in SigBlk:) blk=$value;; SigIgn:) ign=$value;; esac; done "
            "< /proc/self/status; echo \"$(( 0x$ign & " +
            usr1 + " )) $(( 0x$blk & " + usr2 + " ))\""));

  ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  ::sigaction(SIGUSR1, &previous, nullptr);
  EXPECT_EQ(usr1_ignored_usr2_blocked, "0 0");
}

TEST_F(TargetProcessTest, PollExitIsEmptyWhileTheTargetRuns) {
  TargetProcess target = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
  EXPECT_EQ(target.poll_exit(), std::nullopt);
  EXPECT_TRUE(process_exists(target.pid()));
  target.stop(200ms);
}

TEST_F(TargetProcessTest, PollExitReportsTheExitCode) {
  TargetProcess target = TargetProcess::spawn(shell("exit 3"));
  const ExitStatus status = wait_for_exit(target);
  EXPECT_EQ(status.exit_code, 3);
  EXPECT_EQ(status.signal, std::nullopt);
  EXPECT_EQ(status.signal_name(), "");
  EXPECT_EQ(status.describe(), "exited with code 3");
}

TEST_F(TargetProcessTest, PollExitReportsTheSignalThatEndedTheTarget) {
  TargetProcess target = TargetProcess::spawn(shell("kill -KILL $$"));
  const ExitStatus status = wait_for_exit(target);
  EXPECT_EQ(status.signal, SIGKILL);
  EXPECT_EQ(status.exit_code, std::nullopt);
  EXPECT_EQ(status.signal_name(), "SIGKILL");
  EXPECT_EQ(status.describe(), "killed by SIGKILL");
}

TEST_F(TargetProcessTest, PollExitKeepsReportingTheSameExit) {
  TargetProcess target = TargetProcess::spawn(shell("exit 5"));
  const ExitStatus first = wait_for_exit(target);
  const std::optional<ExitStatus> again = target.poll_exit();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->exit_code, 5);
  EXPECT_EQ(again->observed_at, first.observed_at);
}

TEST_F(TargetProcessTest, StopEndsATargetWithSigterm) {
  TargetProcess target = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
  const auto started = std::chrono::steady_clock::now();

  const ExitStatus status = target.stop(2s);

  EXPECT_EQ(status.signal_name(), "SIGTERM");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_FALSE(process_exists(target.pid()));
}

TEST_F(TargetProcessTest, StopKillsATargetThatIgnoresSigtermOnceTheGraceIsOver) {
  TargetProcess target = TargetProcess::spawn(shell("trap '' TERM; echo ready; sleep 30"));
  ASSERT_EQ(wait_for_line(target.stdout_path()), "ready");
  const auto started = std::chrono::steady_clock::now();

  const ExitStatus status = target.stop(200ms);

  EXPECT_GE(std::chrono::steady_clock::now() - started, 200ms);
  EXPECT_EQ(status.signal_name(), "SIGKILL");
  EXPECT_FALSE(process_exists(target.pid()));
  EXPECT_FALSE(process_group_exists(target.pid()));
}

TEST_F(TargetProcessTest, StopLeavesNoProcessOfTheTargetsGroupBehind) {
  TargetProcess target = TargetProcess::spawn(shell("sleep 30 & echo $!; wait"));
  const pid_t child = std::stoi(wait_for_line(target.stdout_path()));
  ASSERT_TRUE(process_exists(child));

  target.stop(200ms);

  EXPECT_FALSE(process_exists(target.pid()));
  EXPECT_FALSE(process_exists(child));
  EXPECT_FALSE(process_group_exists(target.pid()));
}

TEST_F(TargetProcessTest, StopKillsGroupMembersThatIgnoreSigtermAfterTheTargetLeft) {
  TargetProcess target = TargetProcess::spawn(shell("(trap '' TERM; echo ready; sleep 30) & wait"));
  ASSERT_EQ(wait_for_line(target.stdout_path()), "ready");

  const ExitStatus status = target.stop(200ms);

  EXPECT_EQ(status.signal_name(), "SIGTERM");
  EXPECT_FALSE(process_group_exists(target.pid()));
}

TEST_F(TargetProcessTest, StopKillsWhatAnExitedTargetLeftRunning) {
  TargetProcess target = TargetProcess::spawn(shell("sleep 30 & echo $!"));
  const pid_t child = std::stoi(wait_for_line(target.stdout_path()));
  EXPECT_EQ(wait_for_exit(target).exit_code, 0);
  ASSERT_TRUE(process_exists(child));

  const ExitStatus status = target.stop(200ms);

  EXPECT_EQ(status.exit_code, 0);
  EXPECT_FALSE(process_exists(child));
  EXPECT_FALSE(process_group_exists(target.pid()));
}

TEST_F(TargetProcessTest, StopIsIdempotent) {
  TargetProcess target = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
  const ExitStatus first = target.stop(200ms);
  const ExitStatus second = target.stop(200ms);
  EXPECT_EQ(second.signal, first.signal);
  EXPECT_EQ(second.observed_at, first.observed_at);
  EXPECT_EQ(target.poll_exit()->observed_at, first.observed_at);
}

TEST_F(TargetProcessTest, DestructorStopsATargetThatStillRuns) {
  pid_t pid = 0;
  {
    TargetProcess target = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
    pid = target.pid();
  }
  EXPECT_FALSE(process_exists(pid));
}

TEST_F(TargetProcessTest, MovingATargetMovesTheResponsibilityToStopIt) {
  TargetProcess original = TargetProcess::spawn(spec({"/bin/sleep", "30"}));
  const pid_t pid = original.pid();
  {
    TargetProcess moved = std::move(original);
    EXPECT_EQ(moved.pid(), pid);
  }
  EXPECT_FALSE(process_exists(pid));
}

TEST(ExitStatus, DescribesACoreDump) {
  ExitStatus status;
  status.signal = SIGSEGV;
  status.core_dumped = true;
  EXPECT_EQ(status.describe(), "killed by SIGSEGV (core dumped)");
}

}  // namespace
}  // namespace faultline::engine
