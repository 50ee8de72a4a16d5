// Readers of the reports of the sanitizer runtimes (ThreadSanitizer, AddressSanitizer,
// LeakSanitizer), which share their frame format and end with a "SUMMARY: <Tool>: " line.
#pragma once

#include <memory>
#include <string_view>

#include "harness/observe/report_reader.h"

namespace faultline::observe {

// "WARNING: ThreadSanitizer: data race (pid=20581)" and "==20669==ERROR: AddressSanitizer: ..."
// (also LeakSanitizer, and ThreadSanitizer's crash reports); nullptr for any other line.
std::unique_ptr<ReportReader> start_sanitizer_report(std::string_view line);

// The kind of a ThreadSanitizer report from its type text ("lock-order-inversion (potential
// deadlock)" -> lock_order_inversion); see log_report.h for the list.
std::string tsan_kind(std::string_view type);

// Lower case, with every run of other characters than letters and digits made one '_':
// "heap-use-after-free" -> heap_use_after_free.
std::string snake_case(std::string_view text);

}  // namespace faultline::observe
