// The cgroup filesystem behind a small interface, so limit code is tested against a fake tree
// with cgroupfs semantics (a pid written to cgroup.procs moves; rmdir only of a cgroup without
// processes) in a temporary directory, and runs unchanged against /sys/fs/cgroup.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace faultline::fault {

// Every failure is a std::system_error whose message names the operation and the path and
// whose code() carries the errno ("write /sys/fs/cgroup/memory/x/cgroup.procs: No such process").
class CgroupFiles {
 public:
  virtual ~CgroupFiles() = default;

  virtual bool exists(const std::filesystem::path& path) const = 0;
  // The whole content. cgroupfs reports a size of 0 for every file, so this reads to EOF.
  virtual std::string read(const std::filesystem::path& file) const = 0;
  // Replaces the content with `text` in a single write(), which is what cgroupfs parses. Never
  // creates the file: a missing control file means the controller is absent, not a typo to paper over.
  virtual void write(const std::filesystem::path& file, std::string_view text) = 0;
  // mkdir; an existing directory is an error (EEXIST), not silently shared.
  virtual void make_directory(const std::filesystem::path& directory) = 0;
  // rmdir; cgroupfs refuses (EBUSY) while the cgroup holds processes or child cgroups.
  virtual void remove_directory(const std::filesystem::path& directory) = 0;
};

// The real filesystem, through plain system calls.
class SystemCgroupFiles : public CgroupFiles {
 public:
  bool exists(const std::filesystem::path& path) const override;
  std::string read(const std::filesystem::path& file) const override;
  void write(const std::filesystem::path& file, std::string_view text) override;
  void make_directory(const std::filesystem::path& directory) override;
  void remove_directory(const std::filesystem::path& directory) override;
};

// A process-wide SystemCgroupFiles (it has no state).
CgroupFiles& system_cgroup_files();

}  // namespace faultline::fault
