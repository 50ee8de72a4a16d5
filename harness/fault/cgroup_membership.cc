#include "harness/fault/cgroup_membership.h"

namespace faultline::fault {

CgroupMembership parse_cgroup_membership(std::string_view text) {
  CgroupMembership membership;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);

    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    const std::string_view hierarchy = line.substr(0, first);
    const std::string_view controllers = line.substr(first + 1, second - first - 1);
    const std::string path(line.substr(second + 1));
    if (path.empty() || path.front() != '/') continue;

    if (hierarchy == "0" && controllers.empty()) {
      membership.unified = path;
      continue;
    }
    std::string_view remaining = controllers;
    while (!remaining.empty()) {
      const std::size_t comma = remaining.find(',');
      const std::string_view controller = remaining.substr(0, comma);
      remaining = comma == std::string_view::npos ? std::string_view() : remaining.substr(comma + 1);
      // "name=systemd" names a hierarchy without a controller.
      if (!controller.empty() && controller.find('=') == std::string_view::npos) {
        membership.controllers.insert_or_assign(std::string(controller), path);
      }
    }
  }
  return membership;
}

std::filesystem::path cgroup_directory(const std::filesystem::path& mount, std::string_view cgroup_path) {
  while (!cgroup_path.empty() && cgroup_path.front() == '/') cgroup_path.remove_prefix(1);
  if (cgroup_path.empty()) return mount;
  return mount / cgroup_path;
}

}  // namespace faultline::fault
