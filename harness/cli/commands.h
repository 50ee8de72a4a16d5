// The faultline subcommands, each a function from parsed options to an exit code. main.cc
// only wires CLI11 to these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faultline::cli {

// Where the CI renderings go (all optional); GITHUB_STEP_SUMMARY and GITHUB_ACTIONS are read
// from the environment.
struct CiOutputs {
  std::optional<std::string> junit;       // JUnit XML
  std::optional<std::string> summary_md;  // Markdown verdict and tables
};

struct RunCommand {
  std::string scenario_path;
  std::string out_dir;             // empty: runs/<scenario name>-<UTC timestamp>
  std::optional<std::string> duration;  // overrides the scenario's, e.g. "5s"
  bool allow_remote = false;
  std::optional<std::string> html;      // also write the HTML report here
  std::optional<std::string> baseline;  // compare with this baseline (or result.json)
  unsigned repeat = 1;                  // run the scenario this many times, in run-1 .. run-N
  CiOutputs ci;
};

int run_command(const RunCommand& command);

struct ReportCommand {
  std::optional<std::string> result;     // a result.json
  std::optional<std::string> baseline;   // drawn dashed on the same axes
  std::optional<std::string> index_dir;  // instead: every result.json below it, and an index
  std::string out;                       // empty: report.html beside the result, DIR/index.html
};

// Writes the HTML report (or the index); 2 for an unreadable or invalid result file.
int report_command(const ReportCommand& command);

// The HTML report of one result file at `out` (empty: report.html beside it); prints its path.
int write_report(const std::string& result_path, const std::optional<std::string>& baseline_path,
                 const std::string& out);

struct ProxyCommand {
  std::string listen;                // host:port to listen on
  std::string upstream;              // host:port to forward to
  std::vector<std::string> toxics;   // "latency:latency=100ms,jitter=10ms", in force from the start
  std::uint64_t seed = 1;            // for toxicity draws, jitter and slice sizes
  bool allow_remote = false;
};

// Runs the fault proxy until SIGINT/SIGTERM: 0 then, 2 for bad options, 3 when it cannot listen.
int proxy_command(const ProxyCommand& command);

// `faultline hog memory|cpu`: the neighbour process of a memory_hog or cpu_hog fault (spawned
// by the engine, hidden from help).
struct HogCommand {
  std::string resource;       // "memory" or "cpu"
  std::uint64_t bytes = 0;    // memory: allocated and touched
  double cores = 0;           // cpu: cores kept busy
  std::string length;         // --for, a duration ("10s"); the hog ends by itself after it
};

// Holds the pressure until --for passes or SIGTERM/SIGINT; 0 then, 2 for bad options, 3 when
// the memory cannot be had.
int hog_command(const HogCommand& command);

// `faultline baseline save RESULT... --to FILE`: the results (of one scenario) as a baseline.
// 0 when written, 2 for an unreadable result or results of different scenarios.
int baseline_save_command(const std::vector<std::string>& results, const std::string& to);

struct CompareCommand {
  std::string baseline;              // a baseline file or a result.json
  std::vector<std::string> results;  // result.json of the runs to judge (repetitions of one scenario)
  CiOutputs ci;
};

// Compares and prints the table; 0 when nothing regressed, 1 otherwise, 2 for unreadable files.
int compare_command(const CompareCommand& command);

// Lists the metric catalogue, or with a scenario the metrics it can produce; 2 for an invalid
// scenario.
int metrics_command(const std::optional<std::string>& scenario_path);

// Checks every file without running anything; 0 when all are valid, 2 otherwise.
int validate_command(const std::vector<std::string>& paths);

}  // namespace faultline::cli
