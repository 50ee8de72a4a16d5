// Readers of what a Go program prints when it is in trouble: the race detector's
// "WARNING: DATA RACE" report and the runtime's "fatal error:" / "panic:" with its goroutine dump.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "harness/observe/report_reader.h"

namespace faultline::observe {

// nullptr when `line` starts no Go report.
std::unique_ptr<ReportReader> start_go_report(std::string_view line);

// The kind of a runtime fatal error from its message ("concurrent map writes" ->
// concurrent_map_write); see log_report.h for the list.
std::string go_fatal_kind(std::string_view message);

}  // namespace faultline::observe
