#include "harness/fault/hog_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <system_error>
#include <thread>
#include <utility>

#include "harness/scenario/units.h"

namespace faultline::fault {

namespace {

using std::chrono::steady_clock;

constexpr auto kStopPollInterval = std::chrono::milliseconds(5);

[[noreturn]] void throw_spawn_error(int error, const std::filesystem::path& executable, const char* step) {
  throw std::system_error(error, std::generic_category(),
                          "cannot start the hog " + executable.string() + " (" + step + ")");
}

void check(int result, const std::filesystem::path& executable, const char* step) {
  if (result != 0) throw_spawn_error(result, executable, step);
}

// RAII for the posix_spawn argument structures, which need an explicit destroy.
struct FileActions {
  FileActions() {
    if (const int error = ::posix_spawn_file_actions_init(&value); error != 0) {
      throw std::system_error(error, std::generic_category(), "posix_spawn_file_actions_init");
    }
  }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { ::posix_spawn_file_actions_destroy(&value); }
  posix_spawn_file_actions_t value;
};

struct Attributes {
  Attributes() {
    if (const int error = ::posix_spawnattr_init(&value); error != 0) {
      throw std::system_error(error, std::generic_category(), "posix_spawnattr_init");
    }
  }
  Attributes(const Attributes&) = delete;
  Attributes& operator=(const Attributes&) = delete;
  ~Attributes() { ::posix_spawnattr_destroy(&value); }
  posix_spawnattr_t value;
};

HogExit exit_from(int status) {
  HogExit result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::string shortest_decimal(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

}  // namespace

std::vector<std::string> hog_arguments(const scenario::HogFault& hog, scenario::Duration length) {
  if (hog.resource == scenario::HogFault::Resource::memory) {
    return {"hog", "memory", "--bytes", std::to_string(hog.memory_bytes), "--for", scenario::format_duration(length)};
  }
  return {"hog", "cpu", "--cores", shortest_decimal(hog.cpu_cores), "--for", scenario::format_duration(length)};
}

HogProcess HogProcess::spawn(const std::filesystem::path& executable, const std::vector<std::string>& arguments,
                             std::chrono::nanoseconds stop_grace) {
  FileActions actions;
  check(::posix_spawn_file_actions_addopen(&actions.value, STDIN_FILENO, "/dev/null", O_RDONLY, 0), executable,
        "stdin");
  check(::posix_spawn_file_actions_addopen(&actions.value, STDOUT_FILENO, "/dev/null", O_WRONLY, 0), executable,
        "stdout");
  check(::posix_spawn_file_actions_addclosefrom_np(&actions.value, STDERR_FILENO + 1), executable, "closefrom");

  // Its own process group keeps a terminal's Ctrl-C for faultline, which then stops the hog in
  // order. Masks and ignored signals survive exec: reset them so SIGTERM works on the hog.
  Attributes attributes;
  sigset_t no_signals;
  sigset_t all_signals;
  ::sigemptyset(&no_signals);
  ::sigfillset(&all_signals);
  check(::posix_spawnattr_setpgroup(&attributes.value, 0), executable, "process group");
  check(::posix_spawnattr_setsigmask(&attributes.value, &no_signals), executable, "signal mask");
  check(::posix_spawnattr_setsigdefault(&attributes.value, &all_signals), executable, "signal defaults");
  check(::posix_spawnattr_setflags(&attributes.value, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                          POSIX_SPAWN_SETSIGDEF),
        executable, "flags");

  std::vector<std::string> argv_strings{executable.string()};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  // posix_spawn takes char* const[] for historical reasons; it does not write through them.
  std::vector<char*> argv;
  for (std::string& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);

  pid_t pid = -1;
  // glibc's posix_spawn returns only after the exec, with the exec's errno when it failed.
  const int result = ::posix_spawn(&pid, executable.c_str(), &actions.value, &attributes.value, argv.data(), environ);
  if (result != 0) throw_spawn_error(result, executable, "exec");
  return HogProcess(pid, stop_grace);
}

HogProcess::HogProcess(HogProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), stop_grace_(other.stop_grace_), exit_(std::move(other.exit_)) {}

HogProcess& HogProcess::operator=(HogProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) stop();
    pid_ = std::exchange(other.pid_, -1);
    stop_grace_ = other.stop_grace_;
    exit_ = std::move(other.exit_);
  }
  return *this;
}

HogProcess::~HogProcess() {
  if (pid_ > 0) stop();
}

std::optional<HogExit> HogProcess::poll_exit() {
  if (exit_ || pid_ <= 0) return exit_;
  int status = 0;
  pid_t result = 0;
  do {
    result = ::waitpid(pid_, &status, WNOHANG);
  } while (result < 0 && errno == EINTR);
  if (result == pid_) {
    exit_ = exit_from(status);
  } else if (result < 0) {
    // Reaped elsewhere, against the contract: the PID may name a stranger now, never signal it.
    exit_ = HogExit{};
  }
  return exit_;
}

HogExit HogProcess::stop() {
  if (pid_ <= 0) return exit_.value_or(HogExit{});
  if (!poll_exit()) {
    ::kill(pid_, SIGTERM);
    const auto deadline = steady_clock::now() + stop_grace_;
    while (!poll_exit() && steady_clock::now() < deadline) std::this_thread::sleep_for(kStopPollInterval);
  }
  if (!exit_) {
    // Unreaped, so the PID is still this process: SIGKILL cannot hit a stranger.
    ::kill(pid_, SIGKILL);
    int status = 0;
    pid_t result = 0;
    do {
      result = ::waitpid(pid_, &status, 0);
    } while (result < 0 && errno == EINTR);
    exit_ = result == pid_ ? exit_from(status) : HogExit{};
  }
  return *exit_;
}

}  // namespace faultline::fault
