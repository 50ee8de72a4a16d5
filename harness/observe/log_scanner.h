// Scans a target's output (one stream: stdout or stderr) for sanitizer and Go reports as it
// arrives, in chunks cut anywhere, and hands each finished report to a ReportCollector.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/observe/report_collector.h"
#include "harness/observe/report_reader.h"

namespace faultline::observe {

// Bounds on what one scanner holds, whatever the target prints.
struct LogScannerLimits {
  std::size_t max_line_bytes = 64 * 1024;  // a longer line is cut there; the rest is skipped
  // A report whose end never comes (the target was killed mid-report, or the format changed)
  // is closed after this many lines.
  std::size_t max_report_lines = 2000;
  std::size_t max_report_text_bytes = 16 * 1024;  // of the verbatim text kept per report
};

class LogScanner {
 public:
  explicit LogScanner(ReportCollector& collector, LogScannerLimits limits = {});

  // The next bytes of the stream, read at `at_s` seconds from the run's start. A line belongs
  // to the time its first byte arrived.
  void feed(std::string_view chunk, double at_s);
  // The stream ended: its last line counts even without a newline, and an open report is
  // closed as it stands.
  void finish();

 private:
  struct OpenReport {
    std::unique_ptr<ReportReader> reader;
    double at_s = 0;
    std::string text;
    std::size_t lines = 0;
    bool cut = false;  // text reached its bound
  };

  void on_line(std::string_view line, double at_s);
  void begin(std::unique_ptr<ReportReader> reader, std::string_view line, double at_s);
  void append(std::string_view line);
  // `complete`: the report ended by its own grammar, not by the line bound.
  void close(bool complete);

  ReportCollector& collector_;
  LogScannerLimits limits_;
  std::string partial_;         // the start of a line whose end has not arrived
  double partial_at_s_ = 0;     // when that line began
  bool skipping_rest_ = false;  // the current line was cut at max_line_bytes
  std::optional<OpenReport> open_;
};

}  // namespace faultline::observe
