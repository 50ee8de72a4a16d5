// `faultline report`: the HTML report of one result.json, or the index page of a folder of runs.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "harness/cli/baseline_gate.h"
#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/result/comparison_json.h"
#include "harness/scenario/scenario_error.h"
#include "harness/scenario/scenario_parser.h"
#include "reports/html/index_page.h"
#include "reports/html/report_page.h"

namespace faultline::cli {

namespace fs = std::filesystem;

namespace {

// A result file, or a message naming it and what is wrong.
std::optional<nlohmann::json> read_result(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "faultline report: " << path.string() << ": cannot read the file\n";
    return std::nullopt;
  }
  try {
    nlohmann::json result = nlohmann::json::parse(in);
    if (!result.is_object() || result.value("format", "") != "faultline-result") {
      std::cerr << "faultline report: " << path.string() << ": not a faultline result (\"format\" is not \"faultline-result\")\n";
      return std::nullopt;
    }
    return result;
  } catch (const nlohmann::json::parse_error& e) {
    std::cerr << "faultline report: " << path.string() << ": invalid JSON: " << e.what() << '\n';
    return std::nullopt;
  }
}

bool write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  if (!(out << text) || !out.flush()) {
    std::cerr << "faultline report: " << path.string() << ": cannot write the report\n";
    return false;
  }
  return true;
}

int index_command(const ReportCommand& command) {
  const fs::path dir = *command.index_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::cerr << "faultline report: --index " << dir.string() << ": not a directory\n";
    return kExitUsage;
  }
  const fs::path index = command.out.empty() ? dir / "index.html" : fs::path(command.out);
  std::vector<reports::html::IndexEntry> entries;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().filename() != "result.json") continue;
    auto result = read_result(entry.path());
    if (!result) return kExitUsage;
    const fs::path report = entry.path().parent_path() / "report.html";
    if (!write_text(report, reports::html::render_report(*result))) return kExitEnvironment;
    entries.push_back({std::move(*result), fs::relative(report, index.parent_path()).string()});
  }
  if (!write_text(index, reports::html::render_index(entries))) return kExitEnvironment;
  std::cout << "index: " << fs::absolute(index).string() << " (" << entries.size() << " runs)\n";
  return kExitPass;
}

}  // namespace

int write_report(const std::string& result_path, const std::optional<std::string>& baseline_path,
                 const std::string& out) {
  auto result = read_result(result_path);
  if (!result) return kExitUsage;
  std::optional<nlohmann::json> baseline_run;  // drawn dashed: the baseline's first run
  if (baseline_path) {
    const nlohmann::json::json_pointer name("/scenario/name");
    const std::string scenario_name =
        result->contains(name) && result->at(name).is_string() ? result->at(name).get<std::string>() : "";
    const std::optional<result::Baseline> baseline = load_baseline(*baseline_path, scenario_name, "faultline report");
    if (!baseline) return kExitUsage;
    baseline_run = baseline->runs.front().result;
    // A result from `faultline run` without --baseline: compare it here, as that would have.
    if (!result->contains("comparison") || (*result)["comparison"].is_null()) {
      try {
        const result::BaselineRun current = result::read_result_for_comparison(result_path);
        const scenario::Scenario s =
            scenario::parse_scenario_text((*result)["scenario"].dump(), result_path + ": /scenario");
        (*result)["comparison"] = result::to_json(compare_with_baseline(
            *baseline, {current.comparable}, s.baseline, current.result.value("intervals_s", 1.0)));
      } catch (const result::BaselineError& e) {
        std::cerr << "faultline report: " << e.what() << '\n';
        return kExitUsage;
      } catch (const scenario::ScenarioError& e) {
        std::cerr << "faultline report: " << e.what() << '\n';
        return kExitUsage;
      }
    }
  }
  const fs::path report = out.empty() ? fs::path(result_path).parent_path() / "report.html" : fs::path(out);
  if (!write_text(report, reports::html::render_report(*result, baseline_run ? &*baseline_run : nullptr))) {
    return kExitEnvironment;
  }
  std::cout << "report: " << fs::absolute(report).string() << '\n';
  return kExitPass;
}

int report_command(const ReportCommand& command) {
  if (command.index_dir) return index_command(command);
  if (!command.result) {
    std::cerr << "faultline report: give a result.json, or --index DIR\n";
    return kExitUsage;
  }
  return write_report(*command.result, command.baseline, command.out);
}

}  // namespace faultline::cli
