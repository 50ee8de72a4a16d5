// A cgroup filesystem in a temporary directory with the kernel's semantics where the limit code
// depends on them: mkdir fills a new cgroup with its control files, a pid written to cgroup.procs
// leaves every other cgroup of that hierarchy, and rmdir refuses a cgroup that still holds
// processes or child cgroups (EBUSY). Real file I/O underneath (SystemCgroupFiles), so that is
// tested too. Every mutating call is logged, and failures can be injected per path.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/fault/cgroup_files.h"

namespace faultline::fault::testing {

class FakeCgroupTree : public SystemCgroupFiles {
 public:
  FakeCgroupTree();
  ~FakeCgroupTree() override;
  FakeCgroupTree(const FakeCgroupTree&) = delete;
  FakeCgroupTree& operator=(const FakeCgroupTree&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // Hierarchies as a kernel of each kind mounts them below root(): cgroup v1 memory/ and cpu/,
  // or a cgroup v2 hierarchy at root() itself with `controllers` available.
  void add_v1_memory_hierarchy();
  void add_v1_cpu_hierarchy();
  void add_v2_hierarchy(const std::string& controllers);
  // An existing cgroup (faultline's own, say), created like mkdir would.
  void add_cgroup(const std::string& relative);
  // The membership file's path, holding `text` (the fake /proc/self/cgroup).
  std::filesystem::path membership_file(const std::string& text);

  // Sets a file's content directly, as the kernel would update it.
  void put(const std::string& relative, const std::string& content);
  std::string content(const std::string& relative) const;
  bool has(const std::string& relative) const;

  // The next `times` mutating calls (write, mkdir, rmdir) on `relative` fail with `error`.
  void fail(const std::string& relative, int error, int times = 1'000'000);
  // A pid that has exited: writing it to a cgroup.procs fails with ESRCH and it leaves every
  // cgroup.procs (as the kernel drops a reaped process).
  void end_process(pid_t pid);

  // "mkdir memory/faultline-1", "write memory/x/cgroup.procs 42", "rmdir memory/x", in order.
  const std::vector<std::string>& calls() const { return calls_; }

  void write(const std::filesystem::path& file, std::string_view text) override;
  void make_directory(const std::filesystem::path& directory) override;
  void remove_directory(const std::filesystem::path& directory) override;

 private:
  std::string relative(const std::filesystem::path& path) const;
  void log_and_maybe_fail(const std::string& call, const std::filesystem::path& path);
  const std::map<std::string, std::string>* template_for(const std::filesystem::path& directory,
                                                          std::filesystem::path& mount) const;
  void remove_pid_everywhere(const std::filesystem::path& mount, const std::string& pid);

  std::filesystem::path root_;
  // Mount directory -> the control files (name -> initial content) mkdir creates in a new cgroup.
  std::map<std::filesystem::path, std::map<std::string, std::string>> hierarchies_;
  std::map<std::string, std::pair<int, int>> failures_;  // relative path -> (errno, times left)
  std::set<std::string> ended_pids_;
  std::vector<std::string> calls_;
};

}  // namespace faultline::fault::testing
