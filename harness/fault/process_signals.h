// The `signal`, `kill` and `pause` faults: a signal to the target's process group (every
// process it started, which is what a crash or an operator's kill does) or to one process.
// Signal names come from scenario/signal_name.h.
#pragma once

#include <sys/types.h>

namespace faultline::fault {

enum class SignalScope {
  process,        // the process `id`
  process_group,  // every process in the group `id`
};

// Sends `signal_number` to `id`. Throws std::system_error ("kill(process group 42, SIGTERM):
// No such process"; code ESRCH when nothing is left to signal).
void send_signal(pid_t id, SignalScope scope, int signal_number);

// SIGSTOP: the processes freeze (they cannot catch or ignore it) until resume_processes().
void pause_processes(pid_t id, SignalScope scope);
// SIGCONT.
void resume_processes(pid_t id, SignalScope scope);

}  // namespace faultline::fault
