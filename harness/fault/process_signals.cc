#include "harness/fault/process_signals.h"

#include <signal.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "harness/scenario/signal_name.h"

namespace faultline::fault {

void send_signal(pid_t id, SignalScope scope, int signal_number) {
  // kill() reads a negative or zero id as "a group" or "my group": never let a bad id reach it.
  if (id <= 0) {
    throw std::system_error(EINVAL, std::generic_category(), "kill: " + std::to_string(id) + " is not a process id");
  }
  const pid_t target = scope == SignalScope::process_group ? -id : id;
  if (::kill(target, signal_number) != 0) {
    const char* what = scope == SignalScope::process_group ? "process group " : "pid ";
    throw std::system_error(errno, std::generic_category(),
                            "kill(" + std::string(what) + std::to_string(id) + ", " +
                                scenario::signal_name(signal_number) + ")");
  }
}

void pause_processes(pid_t id, SignalScope scope) { send_signal(id, scope, SIGSTOP); }

void resume_processes(pid_t id, SignalScope scope) { send_signal(id, scope, SIGCONT); }

}  // namespace faultline::fault
