// Runs the service under test as a child process: spawns it in a process group of its own with
// its output captured in files, reports how it ended, and stops it together with every process
// it started in its group.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace faultline::engine {

// What to run. Templates are already expanded (see command_template.h).
struct SpawnSpec {
  // argv[0] is the program. Without a '/' it is looked up in the PATH the target will see
  // (faultline's, or env's when it sets PATH); relative PATH entries and a relative argv[0] are
  // relative to cwd.
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;  // set on top of (overriding) faultline's environment
  std::filesystem::path cwd;               // empty: faultline's working directory
  // An existing directory that receives target.stdout.log and target.stderr.log.
  std::filesystem::path output_dir;
  // Append to the logs instead of truncating them (a restarted target continues them, so
  // nothing the first instance wrote is lost).
  bool append_output = false;
  // How long the destructor lets a target that is still running shut down after SIGTERM.
  std::chrono::nanoseconds stop_grace = std::chrono::seconds(5);
};

// How a target ended: by exiting (exit_code) or by a signal (signal).
struct ExitStatus {
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool core_dumped = false;
  // When faultline first saw that it had ended; as precise as the caller's polling.
  std::chrono::steady_clock::time_point observed_at;

  std::string signal_name() const;  // "SIGKILL"; empty when it exited
  std::string describe() const;     // "exited with code 3", "killed by SIGSEGV (core dumped)"
};

// The target could not be started. Messages name the scenario field at fault:
// "target.command[0]: /x/kvstore: No such file or directory".
class SpawnError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One spawned target, owned by one thread. It must be the only reaper of its PID: nothing else
// in faultline may wait for arbitrary children or set SIGCHLD to SIG_IGN.
//
// The leader is reaped only by stop(), never by poll_exit(): while it is an unreaped zombie its
// PID cannot be reused, so signalling its process group can never reach a stranger.
class TargetProcess {
 public:
  // Starts the target: its own process group, stdin from /dev/null, stdout and stderr to
  // output_dir/target.{stdout,stderr}.log, no descriptor of faultline's except those three, signal
  // mask and dispositions reset to defaults. Returns once the program has been exec'ed, so a
  // missing or non-executable program is a SpawnError here, not an early exit later.
  //
  // Makes faultline a child subreaper (process-wide, PR_SET_CHILD_SUBREAPER): processes the
  // target leaves behind are reparented to faultline rather than to init, so stop() can reap
  // them instead of leaving zombies behind.
  static TargetProcess spawn(const SpawnSpec& spec);

  TargetProcess(TargetProcess&& other) noexcept;
  TargetProcess& operator=(TargetProcess&& other) noexcept;
  TargetProcess(const TargetProcess&) = delete;
  TargetProcess& operator=(const TargetProcess&) = delete;
  // Stops the target with the spec's stop_grace if it has not been stopped yet.
  ~TargetProcess();

  pid_t pid() const { return pid_; }  // also its process group ID
  const std::filesystem::path& stdout_path() const { return stdout_path_; }
  const std::filesystem::path& stderr_path() const { return stderr_path_; }

  // How the target ended, or nullopt while it runs. Does not block.
  std::optional<ExitStatus> poll_exit();

  // Sends SIGTERM to the process group and waits up to `grace` for the target to end, then sends
  // SIGKILL to whatever is left of the group, reaps the target and waits (at most a second) until
  // the group is empty. Members that moved to another process group or session are beyond its
  // reach. Idempotent: later calls return the same status.
  ExitStatus stop(std::chrono::nanoseconds grace);

 private:
  TargetProcess(pid_t pid, std::chrono::nanoseconds stop_grace, std::filesystem::path stdout_path,
                std::filesystem::path stderr_path);
  bool observe_exit();
  void reap_leader();
  void reap_group_stragglers();

  pid_t pid_ = -1;  // -1 once moved from
  bool reaped_ = false;
  std::optional<ExitStatus> status_;
  std::chrono::nanoseconds stop_grace_{};
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
};

}  // namespace faultline::engine
