// Samples the resources of a target's process tree from /proc: the root process and every
// descendant, found through the parent pid in each /proc/<pid>/stat.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/observe/proc_stat.h"

namespace faultline::observe {

// One reading of the whole tree: sums over its processes at the moment of the scan.
struct ProcessTreeSample {
  std::uint64_t processes = 0;  // the root and its descendants; 0 when the root is gone
  std::uint64_t threads = 0;
  std::uint64_t open_fds = 0;   // entries of /proc/<pid>/fd that could be listed
  std::uint64_t rss_bytes = 0;  // resident memory
  // The sum of each process's own high-water mark (VmHWM): exact for one process, an upper
  // bound of the tree's peak otherwise (the processes need not peak at the same time).
  std::uint64_t peak_rss_bytes = 0;
  // User + system CPU time since each process started, plus the time of the children they
  // reaped (cutime, cstime), so the figure does not drop when a worker process exits.
  double cpu_s = 0;
  std::uint64_t voluntary_context_switches = 0;    // waits (I/O, locks, sleep)
  std::uint64_t involuntary_context_switches = 0;  // preemptions: a sign of CPU contention

  friend bool operator==(const ProcessTreeSample&, const ProcessTreeSample&) = default;
};

struct ProcSamplerOptions {
  std::filesystem::path proc_root = "/proc";  // tests point this at a fake tree
  std::uint64_t clock_ticks_per_s = 100;       // sysconf(_SC_CLK_TCK): the unit of utime/stime
  std::uint64_t page_size_bytes = 4096;        // sysconf(_SC_PAGESIZE): the unit of stat's rss
  // /proc/<pid>/status counts the context switches of the main thread only. Summing every
  // thread costs one more file read per thread (task/<tid>/status), which matters for a target
  // that leaks thousands of threads; without it the counts are the main thread's.
  bool context_switches_of_every_thread = true;
};

// Options for the real /proc of this machine (clock tick and page size from sysconf).
ProcSamplerOptions system_proc_sampler_options();

// Keeps its buffers between samples so that sampling does not allocate much; one per thread.
class ProcSampler {
 public:
  explicit ProcSampler(ProcSamplerOptions options);

  // Scans the stat file of every process (the only way to find descendants by parent), then
  // reads status and lists fd/ (and task/ when asked) for the tree's processes only. A process
  // that vanishes during the scan is left out, never an error; so is a zombie (it has ended),
  // though its descendants still count.
  ProcessTreeSample sample(int root_pid);

 private:
  // The file's content in buffer_, or false when it cannot be read (the process vanished).
  bool read_file(const std::filesystem::path& path);
  void scan_all_processes();
  std::vector<const ProcStat*> tree_of(int root_pid) const;
  // Adds one process's figures, or nothing when it vanished before they were read.
  void add_process(const ProcStat& stat, ProcessTreeSample& sample);
  void add_thread_switches(const std::filesystem::path& process_dir, int pid, ProcessTreeSample& sample);

  ProcSamplerOptions options_;
  std::string buffer_;
  std::vector<ProcStat> processes_;  // every process of the last scan
};

}  // namespace faultline::observe
