#include "harness/observe/report_collector.h"

#include <algorithm>

namespace faultline::observe {

ReportCollector::ReportCollector(std::size_t max_distinct) : max_distinct_(max_distinct) {}

void ReportCollector::add(ReportIdentity identity, double at_s, std::string text) {
  ++total_;
  Key key{identity.tool, std::move(identity.kind), std::move(identity.signature)};
  if (const auto found = index_.find(key); found != index_.end()) {
    LogReport& report = reports_[found->second];
    ++report.count;
    if (at_s < report.first_at_s) {
      report.first_at_s = at_s;
      report.first_text = std::move(text);
    }
    return;
  }
  if (reports_.size() >= max_distinct_) {
    ++dropped_;
    return;
  }
  LogReport report;
  report.tool = std::get<0>(key);
  report.kind = std::get<1>(key);
  report.signature = std::get<2>(key);
  report.count = 1;
  report.first_at_s = at_s;
  report.first_text = std::move(text);
  index_.emplace(std::move(key), reports_.size());
  reports_.push_back(std::move(report));
}

}  // namespace faultline::observe
