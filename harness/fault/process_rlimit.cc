#include "harness/fault/process_rlimit.h"

#include <cerrno>
#include <string>
#include <system_error>

namespace faultline::fault {

namespace {

std::string resource_name(int resource) {
  switch (resource) {
    case RLIMIT_NOFILE: return "RLIMIT_NOFILE";
    case RLIMIT_AS: return "RLIMIT_AS";
    case RLIMIT_NPROC: return "RLIMIT_NPROC";
    case RLIMIT_CORE: return "RLIMIT_CORE";
    default: return "resource " + std::to_string(resource);
  }
}

::rlimit call_prlimit(pid_t pid, int resource, const ::rlimit* limit) {
  ::rlimit previous{};
  // glibc declares prlimit with its own enum for the resource; the values are the RLIMIT_* ints.
  if (::prlimit(pid, static_cast<enum __rlimit_resource>(resource), limit, &previous) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "prlimit(pid " + std::to_string(pid) + ", " + resource_name(resource) + ")");
  }
  return previous;
}

}  // namespace

::rlimit process_limit(pid_t pid, int resource) { return call_prlimit(pid, resource, nullptr); }

::rlimit replace_process_limit(pid_t pid, int resource, const ::rlimit& limit) {
  return call_prlimit(pid, resource, &limit);
}

::rlimit set_open_files_limit(pid_t pid, std::uint64_t count) {
  return replace_process_limit(pid, RLIMIT_NOFILE, ::rlimit{count, count});
}

}  // namespace faultline::fault
