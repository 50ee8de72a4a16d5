#include "harness/observe/proc_sampler.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <memory>
#include <unordered_map>

namespace faultline::observe {

namespace {

// Closes a directory stream on every path out.
struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using Directory = std::unique_ptr<DIR, DirCloser>;

// A /proc directory entry named by a number (a pid or tid), or nullopt for anything else.
std::optional<int> numeric_name(const char* name) {
  int number = 0;
  const char* end = name + std::char_traits<char>::length(name);
  const auto [stop, error] = std::from_chars(name, end, number);
  if (error != std::errc() || stop != end || stop == name) return std::nullopt;
  return number;
}

// Directory entries other than "." and ".."; nullopt when the directory cannot be opened, with
// errno telling why.
std::optional<std::uint64_t> count_entries(const std::filesystem::path& dir_path) {
  const Directory dir(::opendir(dir_path.c_str()));
  if (!dir) return std::nullopt;
  std::uint64_t count = 0;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") ++count;
  }
  return count;
}

}  // namespace

ProcSamplerOptions system_proc_sampler_options() {
  ProcSamplerOptions options;
  options.clock_ticks_per_s = static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK));
  options.page_size_bytes = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  return options;
}

ProcSampler::ProcSampler(ProcSamplerOptions options) : options_(std::move(options)) {}

bool ProcSampler::read_file(const std::filesystem::path& path) {
  // Plain read(2) into a reused buffer: /proc files are generated on read, are small, and
  // report a size of 0, so streams and stat() buy nothing here.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  constexpr std::size_t kChunkBytes = 4096;
  // status is ~1.5 KiB; the bound only guards against a fake or exotic file.
  constexpr std::size_t kMaxBytes = 64 * 1024;
  buffer_.clear();
  bool ok = true;
  while (buffer_.size() < kMaxBytes) {
    const std::size_t used = buffer_.size();
    buffer_.resize(used + kChunkBytes);
    const ssize_t got = ::read(fd, buffer_.data() + used, kChunkBytes);
    if (got < 0 && errno == EINTR) {
      buffer_.resize(used);
      continue;
    }
    if (got <= 0) {
      buffer_.resize(used);
      ok = got == 0;
      break;
    }
    buffer_.resize(used + static_cast<std::size_t>(got));
  }
  ::close(fd);
  return ok;
}

void ProcSampler::scan_all_processes() {
  processes_.clear();
  const Directory proc(::opendir(options_.proc_root.c_str()));
  if (!proc) return;
  while (const dirent* entry = ::readdir(proc.get())) {
    const std::optional<int> pid = numeric_name(entry->d_name);
    if (!pid) continue;
    if (!read_file(options_.proc_root / entry->d_name / "stat")) continue;  // exited meanwhile
    if (std::optional<ProcStat> stat = parse_proc_stat(buffer_)) processes_.push_back(std::move(*stat));
  }
}

std::vector<const ProcStat*> ProcSampler::tree_of(int root_pid) const {
  std::unordered_map<int, std::vector<const ProcStat*>> children;
  const ProcStat* root = nullptr;
  for (const ProcStat& process : processes_) {
    if (process.pid == root_pid) root = &process;
    children[process.ppid].push_back(&process);
  }
  if (root == nullptr) return {};

  // Breadth first. Each process is visited at most once, because every process appears in
  // exactly one parent's list and pids are unique within a scan; the loop ends after at most
  // processes_.size() steps even if a fake tree loops back on itself (the root is skipped).
  std::vector<const ProcStat*> tree{root};
  for (std::size_t next = 0; next < tree.size() && tree.size() <= processes_.size(); ++next) {
    const auto found = children.find(tree[next]->pid);
    if (found == children.end()) continue;
    for (const ProcStat* child : found->second)
      if (child->pid != root_pid) tree.push_back(child);
  }
  return tree;
}

void ProcSampler::add_process(const ProcStat& stat, ProcessTreeSample& sample) {
  // A zombie has ended: it holds no memory, threads or descriptors, only its exit status.
  if (stat.state == 'Z') return;
  const std::filesystem::path dir = options_.proc_root / std::to_string(stat.pid);
  if (!read_file(dir / "status")) return;
  const ProcStatus status = parse_proc_status(buffer_);

  // Listing fd/ of another user's process is refused (EACCES): count what is readable, and only
  // treat a missing directory as the process having gone.
  const std::optional<std::uint64_t> fds = count_entries(dir / "fd");
  if (!fds && errno == ENOENT) return;

  ++sample.processes;
  sample.threads += stat.threads;
  sample.open_fds += fds.value_or(0);
  sample.rss_bytes += status.rss_bytes.value_or(stat.resident_pages * options_.page_size_bytes);
  sample.peak_rss_bytes += status.peak_rss_bytes.value_or(status.rss_bytes.value_or(0));
  const std::uint64_t ticks =
      stat.user_ticks + stat.system_ticks + stat.reaped_user_ticks + stat.reaped_system_ticks;
  sample.cpu_s += static_cast<double>(ticks) / static_cast<double>(options_.clock_ticks_per_s);
  sample.voluntary_context_switches += status.voluntary_context_switches;
  sample.involuntary_context_switches += status.involuntary_context_switches;
  if (options_.context_switches_of_every_thread && stat.threads > 1) add_thread_switches(dir, stat.pid, sample);
}

void ProcSampler::add_thread_switches(const std::filesystem::path& process_dir, int pid,
                                      ProcessTreeSample& sample) {
  const std::filesystem::path task_dir = process_dir / "task";
  const Directory tasks(::opendir(task_dir.c_str()));
  if (!tasks) return;
  while (const dirent* entry = ::readdir(tasks.get())) {
    const std::optional<int> tid = numeric_name(entry->d_name);
    // The main thread's switches came with the process's own status.
    if (!tid || *tid == pid) continue;
    if (!read_file(task_dir / entry->d_name / "status")) continue;  // the thread ended
    const ProcStatus status = parse_proc_status(buffer_);
    sample.voluntary_context_switches += status.voluntary_context_switches;
    sample.involuntary_context_switches += status.involuntary_context_switches;
  }
}

ProcessTreeSample ProcSampler::sample(int root_pid) {
  scan_all_processes();
  ProcessTreeSample sample;
  for (const ProcStat* process : tree_of(root_pid)) add_process(*process, sample);
  return sample;
}

}  // namespace faultline::observe
