// Keeps the distinct reports a run produced, counted: the first of each verbatim, the rest as
// a count. Several scanners (stdout, stderr) may feed one collector.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "harness/observe/log_report.h"
#include "harness/observe/report_reader.h"

namespace faultline::observe {

class ReportCollector {
 public:
  static constexpr std::size_t kDefaultMaxDistinct = 256;

  explicit ReportCollector(std::size_t max_distinct = kDefaultMaxDistinct);

  // One finished report that began at `at_s` (seconds from the run's start), with its text.
  // A report identical in tool, kind and signature to a kept one adds to its count (and moves
  // its first_at_s earlier if this one began earlier: streams are read independently).
  void add(ReportIdentity identity, double at_s, std::string text);

  // The distinct reports, in the order they were first added.
  const std::vector<LogReport>& reports() const { return reports_; }
  // Reports not kept because max_distinct different ones were already kept: a target spewing
  // reports must not grow faultline's memory. They are counted, so nothing is silently lost.
  std::uint64_t dropped() const { return dropped_; }
  // Every report added, kept or dropped.
  std::uint64_t total() const { return total_; }

 private:
  using Key = std::tuple<ReportTool, std::string, std::string>;

  std::size_t max_distinct_;
  std::vector<LogReport> reports_;
  std::map<Key, std::size_t> index_;  // into reports_
  std::uint64_t dropped_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace faultline::observe
