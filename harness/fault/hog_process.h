// A hog (memory_hog.h, cpu_hog.h) as a neighbour process of the target: faultline spawns itself
// as `faultline hog memory|cpu ...` so the pressure comes from outside the target's cgroup and
// outside faultline's own threads, and ends it when the fault window closes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/scenario.h"

namespace faultline::fault {

// The arguments after the program name for a hog fault lasting `length`:
// {"hog", "memory", "--bytes", "268435456", "--for", "10s"} or
// {"hog", "cpu", "--cores", "1.5", "--for", "10s"}. The hog ends by itself after `length` even
// if faultline dies without stopping it. Durations are in scenario syntax (parse_duration reads
// them back), bytes a plain integer, cores the shortest decimal that reads back exactly.
std::vector<std::string> hog_arguments(const scenario::HogFault& hog, scenario::Duration length);

// How a hog process ended: by exiting (exit_code) or by a signal (signal).
struct HogExit {
  std::optional<int> exit_code;
  std::optional<int> signal;
};

// One spawned hog, owned by one thread. The only one that reaps its PID, so the PID names this
// process until stop() has reaped it.
class HogProcess {
 public:
  // Spawns `executable` with `arguments` in a process group of its own, stdin and stdout on
  // /dev/null, stderr shared with faultline (a hog that fails says why there), no other
  // descriptor of faultline's, default signal mask and dispositions. Throws std::system_error
  // naming the executable when it cannot be started.
  static HogProcess spawn(const std::filesystem::path& executable, const std::vector<std::string>& arguments,
                          std::chrono::nanoseconds stop_grace = std::chrono::seconds(1));

  HogProcess(HogProcess&& other) noexcept;
  HogProcess& operator=(HogProcess&& other) noexcept;
  HogProcess(const HogProcess&) = delete;
  HogProcess& operator=(const HogProcess&) = delete;
  ~HogProcess();  // stop()

  pid_t pid() const { return pid_; }

  // How it ended (reaping it), or nullopt while it runs. Does not block.
  std::optional<HogExit> poll_exit();

  // SIGTERM, up to stop_grace for it to end, then SIGKILL; waits for it and reaps it. Idempotent.
  HogExit stop();

 private:
  HogProcess(pid_t pid, std::chrono::nanoseconds stop_grace) : pid_(pid), stop_grace_(stop_grace) {}

  pid_t pid_ = -1;  // -1 once moved from
  std::chrono::nanoseconds stop_grace_{};
  std::optional<HogExit> exit_;
};

}  // namespace faultline::fault
