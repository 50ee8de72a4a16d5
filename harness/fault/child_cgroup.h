// One cgroup directory that faultline created for a run and must remove again, whatever
// happens: created by the constructor, removed by remove() or, failing that, by the destructor.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "harness/fault/cgroup_files.h"

namespace faultline::fault {

class ChildCgroup {
 public:
  // Creates `parent`/`name`. Throws std::system_error naming the path (EEXIST when another run
  // left a cgroup of that name behind: it is never adopted, since its processes are not ours).
  ChildCgroup(CgroupFiles& files, const std::filesystem::path& parent, std::string_view name);
  ChildCgroup(const ChildCgroup&) = delete;
  ChildCgroup& operator=(const ChildCgroup&) = delete;
  // remove(); a failure cannot be thrown from here, so it is written to stderr, naming the
  // directory left behind.
  ~ChildCgroup();

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(std::string_view name) const { return path_ / name; }

  // Moves the process (all its threads) into this cgroup.
  void adopt(pid_t pid);

  // Moves any processes still inside to the parent cgroup (cgroupfs removes only an empty
  // cgroup), then removes the directory. A process that forks between the two steps makes rmdir
  // fail with EBUSY; that is retried a few times before giving up. Idempotent.
  void remove();

 private:
  CgroupFiles& files_;
  std::filesystem::path parent_;
  std::filesystem::path path_;
  bool removed_ = false;
};

}  // namespace faultline::fault
