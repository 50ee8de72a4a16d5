// Which cgroups a process belongs to, read from /proc/<pid>/cgroup: a child cgroup for the
// target is created below faultline's own, so the target stays inside any limit faultline itself
// runs under (a container, a CI job) and delegated hierarchies work without touching the root.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace faultline::fault {

struct CgroupMembership {
  // The path in the cgroup v2 (unified) hierarchy, from the "0::/path" line.
  std::optional<std::string> unified;
  // cgroup v1: each controller's path ("memory" -> "/user.slice"); a hierarchy that binds several
  // controllers ("4:cpu,cpuacct:/x") gives each of them the same path.
  std::map<std::string, std::string, std::less<>> controllers;
};

// Parses the text of /proc/<pid>/cgroup ("hierarchy-id:controllers:path" per line). Lines it
// cannot read are skipped: the file is the kernel's, and a line we do not understand is a
// hierarchy we do not use.
CgroupMembership parse_cgroup_membership(std::string_view text);

// `cgroup_path` ("/a/b", as in /proc/<pid>/cgroup) as a directory under the hierarchy mounted at
// `mount`; "/" is the mount itself.
std::filesystem::path cgroup_directory(const std::filesystem::path& mount, std::string_view cgroup_path);

}  // namespace faultline::fault
