#include "harness/observe/log_report.h"

namespace faultline::observe {

std::string_view to_string(ReportTool tool) {
  switch (tool) {
    case ReportTool::tsan: return "tsan";
    case ReportTool::go_race: return "go-race";
    case ReportTool::go_runtime: return "go-runtime";
    case ReportTool::asan: return "asan";
    case ReportTool::lsan: break;
  }
  return "lsan";
}

}  // namespace faultline::observe
