#include "harness/observe/report_reader.h"

#include "harness/observe/go_report_reader.h"
#include "harness/observe/sanitizer_report_reader.h"

namespace faultline::observe {

std::unique_ptr<ReportReader> start_report(std::string_view line) {
  if (std::unique_ptr<ReportReader> reader = start_sanitizer_report(line)) return reader;
  return start_go_report(line);
}

}  // namespace faultline::observe
