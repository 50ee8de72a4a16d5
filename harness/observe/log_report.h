// What the log scanner finds in a target's output: sanitizer and Go runtime reports,
// de-duplicated by where they happen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace faultline::observe {

// Which tool printed a report.
enum class ReportTool {
  tsan,        // ThreadSanitizer (gcc/clang -fsanitize=thread)
  go_race,     // the Go race detector (go build -race): "WARNING: DATA RACE"
  go_runtime,  // the Go runtime's own crashes: "fatal error: ...", "panic: ..."
  asan,        // AddressSanitizer
  lsan,        // LeakSanitizer, alone or inside AddressSanitizer
};

// "tsan", "go-race", "go-runtime", "asan", "lsan": the names used in result.json.
std::string_view to_string(ReportTool tool);

// The kinds (snake_case, stable: expectations and result.json name them):
//   tsan:       data_race, data_race_vptr, heap_use_after_free, heap_use_after_free_vptr,
//               thread_leak, lock_order_inversion, signal_unsafe_call, signal_handler_spoils_errno,
//               destroy_locked_mutex, double_lock, invalid_mutex, unlock_unlocked_mutex,
//               read_lock_of_write_locked_mutex, read_unlock_of_write_locked_mutex,
//               mutex_wrong_context, and for a type this list does not know yet, its words in
//               snake_case ("race on external object" -> race_on_external_object).
//   go-race:    data_race.
//   go-runtime: concurrent_map_write, concurrent_map_read_write, concurrent_map_iteration_write,
//               deadlock, out_of_memory, stack_overflow, fatal_error (any other fatal error),
//               panic.
//   asan:       the bug type of its SUMMARY line in snake_case: heap_use_after_free,
//               heap_buffer_overflow, stack_buffer_overflow, global_buffer_overflow,
//               stack_use_after_return, stack_use_after_scope, double_free, bad_free,
//               alloc_dealloc_mismatch, segv, stack_overflow, allocation_size_too_big, ...
//   lsan:       memory_leak.
// Sanitizers also print "==PID==ERROR: <Tool>Sanitizer: SEGV ..." for a crash: kind segv.
struct LogReport {
  ReportTool tool = ReportTool::tsan;
  std::string kind;
  // The function names of the top frames of each stack of the report (see stack_signature.h):
  // two reports with the same tool, kind and signature are the same bug.
  std::string signature;
  std::uint64_t count = 0;  // reports with this tool, kind and signature
  double first_at_s = 0;    // when the first one began, in seconds from the run's start
  // The first one as printed, from its first line through its last; cut at a bound, with
  // the cut marked.
  std::string first_text;

  friend bool operator==(const LogReport&, const LogReport&) = default;
};

}  // namespace faultline::observe
