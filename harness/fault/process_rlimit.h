// Resource limits of another running process through prlimit(2): the `open_files` fault
// (RLIMIT_NOFILE) and the memory fallback when no cgroup is writable (RLIMIT_AS).
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <cstdint>

namespace faultline::fault {

// The current soft and hard limit of `resource` for `pid`.
::rlimit process_limit(pid_t pid, int resource);

// Replaces `resource` (RLIMIT_NOFILE, RLIMIT_AS, ...) of the running process `pid` and returns
// the limit it replaced, so a fault window can put it back. Raising a hard limit needs
// CAP_SYS_RESOURCE. Throws std::system_error ("prlimit(pid 42, RLIMIT_NOFILE): Operation not
// permitted"; code ESRCH when the process is gone).
::rlimit replace_process_limit(pid_t pid, int resource, const ::rlimit& limit);

// At most `count` open descriptors for `pid`, as soft and hard limit: runtimes such as Go raise
// their soft limit to the hard one at start-up, which would undo a soft limit alone.
::rlimit set_open_files_limit(pid_t pid, std::uint64_t count);

}  // namespace faultline::fault
