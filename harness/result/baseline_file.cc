#include "harness/result/baseline_file.h"

#include <cstdio>
#include <fstream>

#include "harness/result/comparison_json.h"
#include "harness/result/result_json.h"

namespace faultline::result {

using nlohmann::json;

namespace {

json read_json(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) throw BaselineError(path + ": cannot read the " + std::string(what));
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    throw BaselineError(path + ": not a " + std::string(what) + " (invalid JSON: " + e.what() + ")");
  }
}

// A string member, or "" when it is missing or not a string (never an exception).
std::string string_or_empty(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string scenario_name(const json& result, const std::string& where) {
  const auto scenario = result.find("scenario");
  if (scenario == result.end() || !scenario->is_object()) throw BaselineError(where + "/scenario: missing");
  const auto name = scenario->find("name");
  if (name == scenario->end() || !name->is_string()) throw BaselineError(where + "/scenario/name: missing");
  return name->get<std::string>();
}

// `where` is the file and the JSON pointer of the result in it ("base.json: /runs/2/result").
BaselineRun run_from_result(json result, const std::string& source, const std::string& where) {
  if (!result.is_object() || string_or_empty(result, "format") != "faultline-result") {
    throw BaselineError(where + "/format: expected \"faultline-result\"");
  }
  const auto version = result.find("version");
  if (version == result.end() || !version->is_number_integer() || version->get<int>() != kResultFormatVersion) {
    throw BaselineError(where + "/version: expected " + std::to_string(kResultFormatVersion));
  }
  scenario_name(result, where);
  const auto analysis = result.find("analysis");
  if (analysis == result.end() || !analysis->is_object() || !analysis->contains("comparable")) {
    throw BaselineError(where + "/analysis/comparable: missing (the result was written by a faultline older "
                                "than baselines; run the scenario again)");
  }
  const json& comparable = analysis->at("comparable");
  if (!comparable.is_array()) throw BaselineError(where + "/analysis/comparable: expected an array");
  BaselineRun run{source, json(), {}};
  try {
    for (std::size_t i = 0; i < comparable.size(); ++i) {
      run.comparable.push_back(comparable_from_json(comparable[i], where + "/analysis/comparable/" + std::to_string(i)));
    }
  } catch (const std::invalid_argument& e) {
    throw BaselineError(e.what());
  }
  run.result = std::move(result);
  return run;
}

}  // namespace

BaselineRun read_result_for_comparison(const std::string& path) {
  return run_from_result(read_json(path, "result file"), path, path + ": ");
}

std::string partial_run(const json& result) {
  const auto run = result.find("run");
  if (run == result.end() || !run->is_object()) return "";
  if (const std::string signal = string_or_empty(*run, "interrupted"); !signal.empty()) return "interrupted by " + signal;
  const auto aborted = run->find("aborted");
  if (aborted != run->end() && aborted->is_object()) return "aborted: " + string_or_empty(*aborted, "condition");
  return "";
}

Baseline read_baseline(const std::string& path) {
  json file = read_json(path, "baseline");
  if (file.is_object() && string_or_empty(file, "format") == "faultline-result") {
    Baseline baseline = make_baseline({run_from_result(std::move(file), path, path + ": ")});
    baseline.path = path;
    return baseline;
  }
  if (!file.is_object() || string_or_empty(file, "format") != "faultline-baseline") {
    throw BaselineError(path + ": /format: expected \"faultline-baseline\" (a file written by `faultline baseline "
                               "save`) or \"faultline-result\" (a result.json)");
  }
  const auto version = file.find("version");
  if (version == file.end() || !version->is_number_integer() || version->get<int>() != kBaselineFormatVersion) {
    throw BaselineError(path + ": /version: expected " + std::to_string(kBaselineFormatVersion));
  }
  const auto runs = file.find("runs");
  if (runs == file.end() || !runs->is_array() || runs->empty()) {
    throw BaselineError(path + ": /runs: expected a non-empty array of runs");
  }
  std::vector<BaselineRun> read;
  for (std::size_t i = 0; i < runs->size(); ++i) {
    json& entry = (*runs)[i];
    const std::string where = path + ": /runs/" + std::to_string(i);
    if (!entry.is_object() || !entry.contains("result")) throw BaselineError(where + "/result: missing");
    const std::string source = string_or_empty(entry, "source");
    read.push_back(run_from_result(std::move(entry["result"]), source, where + "/result"));
    const std::string name = scenario_name(read.back().result, where + "/result");
    if (name != scenario_name(read.front().result, path + ": /runs/0/result")) {
      throw BaselineError(where + "/result/scenario/name: \"" + name + "\", but /runs/0 ran \"" +
                          scenario_name(read.front().result, path) + "\"; a baseline holds runs of one scenario");
    }
  }
  Baseline baseline = make_baseline(std::move(read));
  baseline.path = path;
  return baseline;
}

Baseline make_baseline(std::vector<BaselineRun> runs) {
  Baseline baseline;
  for (BaselineRun& run : runs) {
    const std::string name = scenario_name(run.result, run.source);
    if (baseline.runs.empty()) {
      baseline.scenario = name;
    } else if (name != baseline.scenario) {
      throw BaselineError(run.source + ": /scenario/name: \"" + name + "\", but " + baseline.runs.front().source +
                          " ran \"" + baseline.scenario + "\"; a baseline holds runs of one scenario");
    }
    baseline.runs.push_back(std::move(run));
  }
  return baseline;
}

void write_baseline(const Baseline& baseline, const std::string& path, const std::string& saved_at) {
  json runs = json::array();
  for (const BaselineRun& run : baseline.runs) runs.push_back({{"source", run.source}, {"result", run.result}});
  const json file = {{"format", "faultline-baseline"},
                     {"version", kBaselineFormatVersion},
                     {"scenario", baseline.scenario},
                     {"saved_at", saved_at},
                     {"runs", std::move(runs)}};
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) throw BaselineError(path + ": cannot write the baseline");
    out << file.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
    if (!out.flush()) throw BaselineError(path + ": writing the baseline failed");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw BaselineError(path + ": cannot move the baseline into place");
  }
}

}  // namespace faultline::result
