// The index page of a folder of runs (`faultline report --index DIR`): one row per result with
// its scenario, verdict, key figures and a link to its report, failures first.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace faultline::reports::html {

struct IndexEntry {
  nlohmann::json result;    // the parsed result.json
  std::string report_href;  // the report's path relative to the index page ("smoke/report.html")
};

std::string render_index(const std::vector<IndexEntry>& entries, const std::string& title = "faultline runs");

}  // namespace faultline::reports::html
