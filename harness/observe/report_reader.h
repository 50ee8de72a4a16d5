// Reads one sanitizer or Go report line by line: decides where it ends, and collects what
// identifies it (tool, kind, stack signature). One implementation per report grammar.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "harness/observe/log_report.h"

namespace faultline::observe {

// A finished report, without its text and timing (the scanner keeps those).
struct ReportIdentity {
  ReportTool tool = ReportTool::tsan;
  std::string kind;
  std::string signature;
};

class ReportReader {
 public:
  enum class Verdict {
    part,      // the line belongs to the report, which goes on
    last,      // the line belongs to the report and ends it
    not_part,  // the report ended before this line
  };

  virtual ~ReportReader() = default;

  // Every line after the first, without its line ending.
  virtual Verdict read(std::string_view line) = 0;
  // Called once, when the report ended (or was cut short).
  virtual ReportIdentity identity() const = 0;
};

// The reader of the report whose first line `line` is, or nullptr when it begins none:
//   "WARNING: ThreadSanitizer: <type> (pid=N)"            through "SUMMARY: ThreadSanitizer: ..."
//   "==N==ERROR: AddressSanitizer: <type> ..."            through "SUMMARY: AddressSanitizer: ..."
//   "==N==ERROR: LeakSanitizer: detected memory leaks"    through "SUMMARY: ...Sanitizer: ..."
//   "WARNING: DATA RACE"                                  through "=================="
//   "fatal error: ...", "panic: ..."                      through their goroutine dump
// The tools print these at the start of a line; text in the middle of a line is not a report.
std::unique_ptr<ReportReader> start_report(std::string_view line);

}  // namespace faultline::observe
