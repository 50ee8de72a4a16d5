#include "harness/fault/child_cgroup.h"

#include <cerrno>
#include <iostream>
#include <string>
#include <system_error>

namespace faultline::fault {

namespace {

// How often remove() moves stragglers out and tries rmdir again; a target that forks faster
// than this is stopped by the caller before remove() anyway.
constexpr int kRemoveAttempts = 5;

}  // namespace

ChildCgroup::ChildCgroup(CgroupFiles& files, const std::filesystem::path& parent, std::string_view name)
    : files_(files), parent_(parent), path_(parent / name) {
  files_.make_directory(path_);
}

ChildCgroup::~ChildCgroup() {
  try {
    remove();
  } catch (const std::exception& error) {
    std::cerr << "faultline: could not remove the cgroup " << path_.string() << ": " << error.what() << "\n";
  }
}

void ChildCgroup::adopt(pid_t pid) { files_.write(file("cgroup.procs"), std::to_string(pid)); }

void ChildCgroup::remove() {
  if (removed_) return;
  for (int attempt = 1;; ++attempt) {
    const std::string pids = files_.read(file("cgroup.procs"));
    std::size_t start = 0;
    while (start < pids.size()) {
      std::size_t end = pids.find('\n', start);
      if (end == std::string::npos) end = pids.size();
      if (end > start) {
        try {
          files_.write(parent_ / "cgroup.procs", pids.substr(start, end - start));
        } catch (const std::system_error& error) {
          // It exited since the read: nothing left to move.
          if (error.code() != std::errc::no_such_process) throw;
        }
      }
      start = end + 1;
    }
    try {
      files_.remove_directory(path_);
      removed_ = true;
      return;
    } catch (const std::system_error& error) {
      if (error.code() != std::errc::device_or_resource_busy || attempt == kRemoveAttempts) throw;
    }
  }
}

}  // namespace faultline::fault
