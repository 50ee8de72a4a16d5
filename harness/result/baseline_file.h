// A baseline: the runs a later run is compared with (DESIGN.md, "Baseline comparison"). Saved
// by `faultline baseline save RESULT... --to FILE` as the results themselves, whole, so the
// report can draw a baseline run's series and nothing measured is lost:
//   { "format": "faultline-baseline", "version": 1, "scenario": "smoke", "saved_at": "...",
//     "runs": [ { "source": "runs/smoke-1/result.json", "result": { ...result.json... } }, ... ] }
// A single result.json is a baseline too (one run).
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/result/comparable_metric.h"

namespace faultline::result {

inline constexpr int kBaselineFormatVersion = 1;

// Why a baseline or a result could not be used; the message names the file and the field.
class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BaselineRun {
  std::string source;                        // where the result was read from when saved
  nlohmann::json result;                     // the whole result.json
  std::vector<ComparableMetric> comparable;  // its analysis.comparable
};

struct Baseline {
  std::string path;
  std::string scenario;  // the scenario's name, the same in every run
  std::vector<BaselineRun> runs;
};

// Reads a result.json into a one-run baseline entry; `path` names it in messages. Results
// written before faultline recorded analysis.comparable are refused with a message saying so.
// Whether the run was whole (not interrupted or aborted) is the caller's question: see
// partial_run().
BaselineRun read_result_for_comparison(const std::string& path);

// Why a result measured less than a whole run ("interrupted by SIGINT", "aborted: ..."); ""
// for a whole run.
std::string partial_run(const nlohmann::json& result);

// Reads a baseline file or a single result.json.
Baseline read_baseline(const std::string& path);

// The runs as one baseline; they must share a scenario name (BaselineError otherwise).
Baseline make_baseline(std::vector<BaselineRun> runs);

// Writes atomically (a temporary file renamed into place).
void write_baseline(const Baseline& baseline, const std::string& path, const std::string& saved_at);

}  // namespace faultline::result
