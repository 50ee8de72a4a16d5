#include "fake_cgroup_tree.h"

#include <stdlib.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace faultline::fault::testing {

namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> kV1Memory = {
    {"cgroup.procs", ""},
    {"tasks", ""},
    {"memory.limit_in_bytes", "9223372036854771712\n"},
    {"memory.memsw.limit_in_bytes", "9223372036854771712\n"},
    {"memory.usage_in_bytes", "0\n"},
    {"memory.max_usage_in_bytes", "0\n"},
    {"memory.failcnt", "0\n"},
    {"memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n"},
};

const std::map<std::string, std::string> kV1Cpu = {
    {"cgroup.procs", ""},
    {"tasks", ""},
    {"cpu.cfs_period_us", "100000\n"},
    {"cpu.cfs_quota_us", "-1\n"},
};

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << content;
  if (!file) throw std::runtime_error("fake cgroup tree: cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace

FakeCgroupTree::FakeCgroupTree() {
  std::string pattern = (fs::temp_directory_path() / "faultline-cgroup-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("fake cgroup tree: mkdtemp failed");
  root_ = fs::canonical(pattern);
}

FakeCgroupTree::~FakeCgroupTree() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void FakeCgroupTree::add_v1_memory_hierarchy() {
  fs::create_directory(root_ / "memory");
  hierarchies_[root_ / "memory"] = kV1Memory;
  for (const auto& [name, content] : kV1Memory) write_file(root_ / "memory" / name, content);
}

void FakeCgroupTree::add_v1_cpu_hierarchy() {
  fs::create_directory(root_ / "cpu");
  hierarchies_[root_ / "cpu"] = kV1Cpu;
  for (const auto& [name, content] : kV1Cpu) write_file(root_ / "cpu" / name, content);
}

void FakeCgroupTree::add_v2_hierarchy(const std::string& controllers) {
  std::map<std::string, std::string> files = {
      {"cgroup.procs", ""},
      {"cgroup.controllers", ""},
      {"cgroup.subtree_control", ""},
      {"memory.max", "max\n"},
      {"memory.swap.max", "max\n"},
      {"memory.current", "0\n"},
      {"memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"},
      {"cpu.max", "max 100000\n"},
  };
  hierarchies_[root_] = files;
  write_file(root_ / "cgroup.procs", "");
  write_file(root_ / "cgroup.controllers", controllers + "\n");
  write_file(root_ / "cgroup.subtree_control", "");
}

void FakeCgroupTree::add_cgroup(const std::string& relative) {
  fs::create_directories((root_ / relative).parent_path());
  SystemCgroupFiles::make_directory(root_ / relative);
  fs::path mount;
  if (const auto* files = template_for(root_ / relative, mount)) {
    for (const auto& [name, content] : *files) write_file(root_ / relative / name, content);
  }
}

fs::path FakeCgroupTree::membership_file(const std::string& text) {
  write_file(root_ / "self-cgroup", text);
  return root_ / "self-cgroup";
}

void FakeCgroupTree::put(const std::string& relative, const std::string& content) {
  write_file(root_ / relative, content);
}

std::string FakeCgroupTree::content(const std::string& relative) const { return read_file(root_ / relative); }

bool FakeCgroupTree::has(const std::string& relative) const { return fs::exists(root_ / relative); }

void FakeCgroupTree::fail(const std::string& relative, int error, int times) {
  failures_[relative] = {error, times};
}

void FakeCgroupTree::end_process(pid_t pid) { ended_pids_.insert(std::to_string(pid)); }

std::string FakeCgroupTree::relative(const fs::path& path) const { return path.lexically_relative(root_).string(); }

void FakeCgroupTree::log_and_maybe_fail(const std::string& call, const fs::path& path) {
  calls_.push_back(call);
  const auto failure = failures_.find(relative(path));
  if (failure == failures_.end() || failure->second.second <= 0) return;
  --failure->second.second;
  throw std::system_error(failure->second.first, std::generic_category(), "fake " + path.string());
}

const std::map<std::string, std::string>* FakeCgroupTree::template_for(const fs::path& directory,
                                                                         fs::path& mount) const {
  // The deepest mount that contains the directory (v2 at root_ contains memory/ too otherwise).
  const std::map<std::string, std::string>* found = nullptr;
  for (const auto& [candidate, files] : hierarchies_) {
    const std::string prefix = candidate.string() + "/";
    if (directory.string().starts_with(prefix) &&
        (found == nullptr || candidate.string().size() > mount.string().size())) {
      found = &files;
      mount = candidate;
    }
  }
  return found;
}

void FakeCgroupTree::remove_pid_everywhere(const fs::path& mount, const std::string& pid) {
  for (const auto& entry : fs::recursive_directory_iterator(mount)) {
    if (entry.path().filename() != "cgroup.procs") continue;
    std::istringstream lines(read_file(entry.path()));
    std::string kept;
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line != pid) kept += line + "\n";
    }
    write_file(entry.path(), kept);
  }
}

void FakeCgroupTree::write(const fs::path& file, std::string_view text) {
  log_and_maybe_fail("write " + relative(file) + " " + std::string(text), file);
  if (file.filename() != "cgroup.procs") {
    SystemCgroupFiles::write(file, text);
    return;
  }
  if (!fs::exists(file)) throw std::system_error(ENOENT, std::generic_category(), "write " + file.string());
  fs::path mount = file.parent_path();
  template_for(file.parent_path(), mount);
  const std::string pid(text);
  remove_pid_everywhere(mount, pid);
  if (ended_pids_.contains(pid)) throw std::system_error(ESRCH, std::generic_category(), "write " + file.string());
  write_file(file, read_file(file) + pid + "\n");
}

void FakeCgroupTree::make_directory(const fs::path& directory) {
  log_and_maybe_fail("mkdir " + relative(directory), directory);
  SystemCgroupFiles::make_directory(directory);
  fs::path mount;
  if (const auto* files = template_for(directory, mount)) {
    for (const auto& [name, content] : *files) write_file(directory / name, content);
  }
}

void FakeCgroupTree::remove_directory(const fs::path& directory) {
  log_and_maybe_fail("rmdir " + relative(directory), directory);
  bool busy = !read_file(directory / "cgroup.procs").empty();
  for (const auto& entry : fs::directory_iterator(directory)) busy = busy || entry.is_directory();
  if (busy) throw std::system_error(EBUSY, std::generic_category(), "rmdir " + directory.string());
  // The kernel's control files vanish with the cgroup; a plain directory needs them gone first.
  for (const auto& entry : fs::directory_iterator(directory)) fs::remove(entry.path());
  SystemCgroupFiles::remove_directory(directory);
}

}  // namespace faultline::fault::testing
