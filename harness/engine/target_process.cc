#include "harness/engine/target_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "harness/scenario/signal_name.h"

namespace faultline::engine {

namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

constexpr auto kStopPollInterval = std::chrono::milliseconds(5);
// After SIGKILL, how long to wait for the rest of the group to disappear; SIGKILL cannot be
// caught, so only a process stuck in the kernel takes longer.
constexpr auto kStragglerWait = std::chrono::seconds(1);

std::string error_text(int error) { return std::generic_category().message(error); }

// Owns a file descriptor for the few lines between opening it and handing it to posix_spawn.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { ::close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

Descriptor open_or_throw(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) throw SpawnError("cannot open " + path.string() + ": " + error_text(errno));
  return Descriptor(fd);
}

void check_spawn_setup(int result, const char* step) {
  if (result != 0)
    throw SpawnError(std::string("cannot start the target: ") + step + ": " + error_text(result));
}

// RAII for the posix_spawn argument structures, which need an explicit destroy.
struct FileActions {
  FileActions() { check_spawn_setup(::posix_spawn_file_actions_init(&value), "file actions"); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { ::posix_spawn_file_actions_destroy(&value); }
  posix_spawn_file_actions_t value;
};

struct Attributes {
  Attributes() { check_spawn_setup(::posix_spawnattr_init(&value), "attributes"); }
  Attributes(const Attributes&) = delete;
  Attributes& operator=(const Attributes&) = delete;
  ~Attributes() { ::posix_spawnattr_destroy(&value); }
  posix_spawnattr_t value;
};

void check_working_directory(const fs::path& cwd) {
  if (cwd.empty()) return;
  struct stat info {};
  int error = 0;
  if (::stat(cwd.c_str(), &info) != 0) {
    error = errno;
  } else if (!S_ISDIR(info.st_mode)) {
    error = ENOTDIR;
  } else if (::access(cwd.c_str(), X_OK) != 0) {
    error = errno;
  }
  if (error != 0) throw SpawnError("target.cwd: " + cwd.string() + ": " + error_text(error));
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> merged;
  for (char** entry = ::environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!extra.contains(std::string(text.substr(0, text.find('='))))) merged.emplace_back(text);
  }
  for (const auto& [name, value] : extra) merged.push_back(name + "=" + value);
  return merged;
}

std::string_view search_path_of(const std::vector<std::string>& environment) {
  for (const std::string& entry : environment) {
    if (entry.starts_with("PATH=")) return std::string_view(entry).substr(5);
  }
  return {};
}

// The path to exec. A name without '/' is searched in PATH here rather than by posix_spawnp,
// which would search faultline's PATH instead of the one the target gets. The result is
// absolute because the child changes into cwd before it execs.
std::string resolve_program(const std::string& name, const std::vector<std::string>& environment,
                            const fs::path& cwd) {
  if (name.find('/') != std::string::npos) return name;
  std::string_view remaining = search_path_of(environment);
  while (!remaining.empty()) {
    const std::size_t colon = remaining.find(':');
    const std::string_view entry = remaining.substr(0, colon);
    remaining = colon == std::string_view::npos ? std::string_view() : remaining.substr(colon + 1);
    const fs::path candidate = fs::absolute(cwd / (entry.empty() ? fs::path(".") : fs::path(entry)) / name);
    std::error_code ignored;
    if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate, ignored)) {
      return candidate.string();
    }
  }
  throw SpawnError("target.command[0]: " + name + ": not found in PATH");
}

std::string exec_error_message(const std::string& program, const fs::path& cwd, int error) {
  std::string message = "target.command[0]: " + program + ": " + error_text(error);
  std::error_code ignored;
  if (error == ENOENT && fs::exists(cwd / program, ignored)) {
    message += " (the file exists, so its interpreter or dynamic loader is missing)";
  }
  return message;
}

// posix_spawn takes char* const[] for historical reasons; it does not write through them.
std::vector<char*> null_terminated(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const std::string& text : strings) pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

ExitStatus status_from(const siginfo_t& info) {
  ExitStatus status;
  status.observed_at = steady_clock::now();
  if (info.si_code == CLD_EXITED) {
    status.exit_code = info.si_status;
  } else {
    status.signal = info.si_status;
    status.core_dumped = info.si_code == CLD_DUMPED;
  }
  return status;
}

// A status for a child that something else reaped, against TargetProcess's contract.
ExitStatus unknown_status() {
  ExitStatus status;
  status.observed_at = steady_clock::now();
  return status;
}

}  // namespace

std::string ExitStatus::signal_name() const { return signal ? scenario::signal_name(*signal) : ""; }

std::string ExitStatus::describe() const {
  if (exit_code) return "exited with code " + std::to_string(*exit_code);
  if (signal) return "killed by " + signal_name() + (core_dumped ? " (core dumped)" : "");
  return "ended with an unknown status (reaped outside faultline)";
}

TargetProcess TargetProcess::spawn(const SpawnSpec& spec) {
  if (spec.argv.empty()) throw SpawnError("target.command: is empty, there is nothing to run");
  check_working_directory(spec.cwd);
  const std::vector<std::string> environment = merged_environment(spec.env);
  const std::string program = resolve_program(spec.argv[0], environment, spec.cwd);

  fs::path stdout_path = spec.output_dir / "target.stdout.log";
  fs::path stderr_path = spec.output_dir / "target.stderr.log";
  const Descriptor input = open_or_throw("/dev/null", O_RDONLY);
  const int mode = spec.append_output ? O_APPEND : O_TRUNC;
  const Descriptor output = open_or_throw(stdout_path, O_WRONLY | O_CREAT | mode);
  const Descriptor errors = open_or_throw(stderr_path, O_WRONLY | O_CREAT | mode);

  FileActions actions;
  if (!spec.cwd.empty()) {
    check_spawn_setup(::posix_spawn_file_actions_addchdir_np(&actions.value, spec.cwd.c_str()), "chdir");
  }
  // dup2 clears close-on-exec on the copies; everything else of faultline's is closed, including
  // descriptors some library opened without O_CLOEXEC.
  check_spawn_setup(::posix_spawn_file_actions_adddup2(&actions.value, input.get(), STDIN_FILENO), "stdin");
  check_spawn_setup(::posix_spawn_file_actions_adddup2(&actions.value, output.get(), STDOUT_FILENO),
                    "stdout");
  check_spawn_setup(::posix_spawn_file_actions_adddup2(&actions.value, errors.get(), STDERR_FILENO),
                    "stderr");
  check_spawn_setup(::posix_spawn_file_actions_addclosefrom_np(&actions.value, STDERR_FILENO + 1),
                    "closefrom");

  // A process group of its own, so stop() reaches every process the target starts. Signal masks
  // and ignored signals survive exec: reset them, or a target could inherit, say, a blocked
  // SIGTERM from faultline's signal-handling thread, or faultline's ignored SIGPIPE. (glibc keeps
  // its two reserved real-time signals ignored; no program linked against glibc can use them.)
  Attributes attributes;
  sigset_t no_signals;
  sigset_t all_signals;
  ::sigemptyset(&no_signals);
  ::sigfillset(&all_signals);
  check_spawn_setup(::posix_spawnattr_setpgroup(&attributes.value, 0), "process group");
  check_spawn_setup(::posix_spawnattr_setsigmask(&attributes.value, &no_signals), "signal mask");
  check_spawn_setup(::posix_spawnattr_setsigdefault(&attributes.value, &all_signals), "signal defaults");
  check_spawn_setup(
      ::posix_spawnattr_setflags(&attributes.value,
                                 POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
      "flags");

  // Best effort: without it, processes the target orphans go to init, which on most systems
  // reaps them too.
  static_cast<void>(::prctl(PR_SET_CHILD_SUBREAPER, 1));

  std::vector<char*> argv = null_terminated(spec.argv);
  std::vector<char*> envp = null_terminated(environment);
  pid_t pid = -1;
  // glibc's posix_spawn returns only after the exec, with the exec's errno when it failed.
  const int result =
      ::posix_spawn(&pid, program.c_str(), &actions.value, &attributes.value, argv.data(), envp.data());
  if (result != 0) throw SpawnError(exec_error_message(program, spec.cwd, result));
  return TargetProcess(pid, spec.stop_grace, std::move(stdout_path), std::move(stderr_path));
}

TargetProcess::TargetProcess(pid_t pid, std::chrono::nanoseconds stop_grace, fs::path stdout_path,
                             fs::path stderr_path)
    : pid_(pid),
      stop_grace_(stop_grace),
      stdout_path_(std::move(stdout_path)),
      stderr_path_(std::move(stderr_path)) {}

TargetProcess::TargetProcess(TargetProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      reaped_(other.reaped_),
      status_(std::move(other.status_)),
      stop_grace_(other.stop_grace_),
      stdout_path_(std::move(other.stdout_path_)),
      stderr_path_(std::move(other.stderr_path_)) {}

TargetProcess& TargetProcess::operator=(TargetProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !reaped_) stop(stop_grace_);
    pid_ = std::exchange(other.pid_, -1);
    reaped_ = other.reaped_;
    status_ = std::move(other.status_);
    stop_grace_ = other.stop_grace_;
    stdout_path_ = std::move(other.stdout_path_);
    stderr_path_ = std::move(other.stderr_path_);
  }
  return *this;
}

TargetProcess::~TargetProcess() {
  if (pid_ > 0 && !reaped_) stop(stop_grace_);
}

std::optional<ExitStatus> TargetProcess::poll_exit() {
  if (!observe_exit()) return std::nullopt;
  return status_;
}

ExitStatus TargetProcess::stop(std::chrono::nanoseconds grace) {
  if (!observe_exit()) {
    ::kill(-pid_, SIGTERM);
    const auto deadline = steady_clock::now() + grace;
    while (!observe_exit() && steady_clock::now() < deadline) std::this_thread::sleep_for(kStopPollInterval);
  }
  if (!reaped_) {
    // The leader is still unreaped, so -pid_ still names our group: members that outlived the
    // leader, or ignored SIGTERM, end here.
    ::kill(-pid_, SIGKILL);
    reap_leader();
    reap_group_stragglers();
  }
  return *status_;
}

// Records how the leader ended, if it has, without reaping it.
bool TargetProcess::observe_exit() {
  if (status_) return true;
  siginfo_t info{};
  int result = 0;
  do {
    result = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (result != 0 && errno == EINTR);
  if (result != 0) {
    // Reaped elsewhere: the PID may already name another process, so never signal it again.
    status_ = unknown_status();
    reaped_ = true;
    return true;
  }
  if (info.si_pid == 0) return false;
  status_ = status_from(info);
  return true;
}

void TargetProcess::reap_leader() {
  siginfo_t info{};
  int result = 0;
  do {
    result = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED);
  } while (result != 0 && errno == EINTR);
  if (!status_) status_ = result == 0 ? status_from(info) : unknown_status();
  reaped_ = true;
}

// Group members that outlived the leader were reparented to faultline (the subreaper), so they
// are reaped here; without that they would linger as zombies and keep the group alive.
void TargetProcess::reap_group_stragglers() {
  const auto deadline = steady_clock::now() + kStragglerWait;
  while (steady_clock::now() < deadline) {
    if (::waitpid(-pid_, nullptr, WNOHANG) > 0) continue;  // reaped one; there may be more
    // Signal 0 only checks for members; the group's ID is not ours to signal any more.
    if (::kill(-pid_, 0) != 0 && errno == ESRCH) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace faultline::engine
