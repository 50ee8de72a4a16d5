// Parsers for the two per-process files of /proc that the sampler reads: /proc/<pid>/stat (one
// line of fields) and /proc/<pid>/status ("Name:\tvalue" lines), see proc(5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace faultline::observe {

// The fields of /proc/<pid>/stat the sampler uses.
struct ProcStat {
  int pid = 0;
  std::string comm;  // the command name, without its parentheses (may hold spaces and ')')
  char state = '?';  // R, S, D, Z, T, ...
  int ppid = 0;
  std::uint64_t user_ticks = 0;            // utime, in clock ticks (CLK_TCK per second)
  std::uint64_t system_ticks = 0;          // stime, in clock ticks
  std::uint64_t reaped_user_ticks = 0;     // cutime: children this process waited for, in ticks
  std::uint64_t reaped_system_ticks = 0;   // cstime, in ticks
  std::uint64_t threads = 0;               // num_threads
  std::uint64_t resident_pages = 0;        // rss, in pages (the same figure as statm's resident)
};

// nullopt when the text is not a stat line. comm runs from the first '(' to the last ')',
// because a process may name itself "a) (b" and the kernel does not escape it.
std::optional<ProcStat> parse_proc_stat(std::string_view text);

// The fields of /proc/<pid>/status the sampler uses. The memory fields are absent for kernel
// threads and zombies, which have no address space.
struct ProcStatus {
  std::optional<std::uint64_t> rss_bytes;       // VmRSS
  std::optional<std::uint64_t> peak_rss_bytes;  // VmHWM, the high-water mark of VmRSS
  // Of the task whose status this is: in /proc/<pid>/status the main thread only.
  std::uint64_t voluntary_context_switches = 0;
  std::uint64_t involuntary_context_switches = 0;
};

// Lines it does not know or cannot read are ignored: status gains fields with kernel versions.
ProcStatus parse_proc_status(std::string_view text);

}  // namespace faultline::observe
