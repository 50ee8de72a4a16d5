// faultline's command line: parses arguments with CLI11 and hands over to the commands.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"

namespace {

void add_ci_options(CLI::App& app, faultline::cli::CiOutputs& outputs) {
  app.add_option("--junit", outputs.junit, "Write a JUnit XML report (GitLab, Jenkins)");
  app.add_option("--summary-md", outputs.summary_md, "Write a Markdown summary (also appended to "
                                                     "$GITHUB_STEP_SUMMARY when that is set)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace faultline::cli;
  CLI::App app{"faultline: provoke failures in a service under load and gate merges on how it copes"};
  app.set_version_flag("--version", std::string("faultline ") + FAULTLINE_VERSION);
  app.require_subcommand(1);

  RunCommand run;
  CLI::App* run_app = app.add_subcommand("run", "Run a scenario: start the target, drive load, write result.json");
  run_app->add_option("scenario", run.scenario_path, "Scenario file (JSON, comments allowed)")->required();
  run_app->add_option("--out,-o", run.out_dir, "Run directory for result.json and the target's logs "
                                               "(default: runs/<scenario>-<UTC time>)");
  run_app->add_option("--duration,-d", run.duration, "Run for this long instead of the scenario's duration, e.g. 5s");
  run_app->add_flag("--allow-remote", run.allow_remote, "Allow load to non-loopback addresses");
  run_app->add_option("--html", run.html, "Also write the HTML report to this file");
  run_app->add_option("--baseline", run.baseline, "Compare with this baseline (from `faultline baseline save`, or a "
                                                  "result.json); a regression fails the run");
  run_app->add_option("--repeat", run.repeat, "Run the scenario N times (in run-1 .. run-N), so that per-run "
                                              "figures such as time-to-recover can be compared");
  add_ci_options(*run_app, run.ci);

  ReportCommand report;
  CLI::App* report_app = app.add_subcommand("report", "Write the self-contained HTML report of a result, or an index of runs");
  report_app->add_option("result", report.result, "A result.json written by faultline run");
  report_app->add_option("--baseline", report.baseline, "A baseline (or result.json): its first run drawn dashed on "
                                                     "the same axes, and the comparison table when the result has none");
  report_app->add_option("--index", report.index_dir, "Report every result.json below this folder and write an index page");
  report_app->add_option("-o,--out", report.out, "Output file (default: report.html beside the result, DIR/index.html)");

  std::vector<std::string> baseline_results;
  std::string baseline_to;
  CLI::App* baseline_app = app.add_subcommand("baseline", "Manage baselines that runs are compared with");
  baseline_app->require_subcommand(1);
  CLI::App* baseline_save = baseline_app->add_subcommand("save", "Save result.json files (runs of one scenario) as a baseline");
  baseline_save->add_option("results", baseline_results, "result.json files")->required();
  baseline_save->add_option("--to", baseline_to, "Baseline file to write")->required();

  CompareCommand compare;
  CLI::App* compare_app = app.add_subcommand("compare", "Compare finished runs with a baseline (exit 1 on a regression)");
  compare_app->add_option("baseline", compare.baseline, "Baseline file, or a result.json")->required();
  compare_app->add_option("results", compare.results, "result.json of the runs to judge")->required();
  add_ci_options(*compare_app, compare.ci);

  std::vector<std::string> validate_paths;
  CLI::App* validate_app = app.add_subcommand("validate", "Check scenario files without running anything");
  validate_app->add_option("files", validate_paths, "Scenario files")->required();

  std::optional<std::string> metrics_scenario;
  CLI::App* metrics_app = app.add_subcommand("metrics", "List the metrics expectations can name (with a scenario: the ones it produces)");
  metrics_app->add_option("scenario", metrics_scenario, "Scenario file: list the concrete names it can produce, like load.api.p99");

  ProxyCommand proxy;
  CLI::App* proxy_app = app.add_subcommand(
      "proxy", "Run the fault proxy on its own (like Toxiproxy) until Ctrl-C, with toxics in force");
  proxy_app->add_option("--listen", proxy.listen, "Address to listen on, e.g. 127.0.0.1:8474")->required();
  proxy_app->add_option("--upstream", proxy.upstream, "Address to forward to, e.g. 127.0.0.1:8080")->required();
  proxy_app->add_option("--toxic", proxy.toxics,
                        "A toxic, repeatable: 'latency:latency=100ms,jitter=10ms', 'bandwidth:rate=100', "
                        "'slow_close:delay=1s', 'timeout:timeout=5s', 'reset_peer', "
                        "'slicer:average_size=64,delay=1ms', 'limit_data:bytes=1000', 'down'; each takes "
                        "direction=upstream|downstream|both and toxicity=0..1");
  proxy_app->add_option("--seed", proxy.seed, "Seed for toxicity draws, jitter and slice sizes");
  proxy_app->add_flag("--allow-remote", proxy.allow_remote, "Allow non-loopback addresses");

  // Spawned by the engine for memory_hog and cpu_hog faults; not for people, so not in --help.
  HogCommand hog;
  CLI::App* hog_app = app.add_subcommand("hog", "")->group("");
  hog_app->require_subcommand(1);
  CLI::App* memory_hog = hog_app->add_subcommand("memory", "Allocate and touch --bytes for --for");
  memory_hog->add_option("--bytes", hog.bytes, "Bytes")->required()->check(CLI::PositiveNumber);
  memory_hog->add_option("--for", hog.length, "Duration, e.g. 10s")->required();
  CLI::App* cpu_hog = hog_app->add_subcommand("cpu", "Keep --cores busy for --for");
  cpu_hog->add_option("--cores", hog.cores, "Cores, fractions allowed")->required()->check(CLI::PositiveNumber);
  cpu_hog->add_option("--for", hog.length, "Duration, e.g. 10s")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitPass : kExitUsage;
  }
  try {
    if (*run_app) return run_command(run);
    if (*baseline_app) return baseline_save_command(baseline_results, baseline_to);
    if (*compare_app) return compare_command(compare);
    if (*proxy_app) return proxy_command(proxy);
    if (*report_app) return report_command(report);
    if (*metrics_app) return metrics_command(metrics_scenario);
    if (*hog_app) {
      hog.resource = *memory_hog ? "memory" : "cpu";
      return hog_command(hog);
    }
    return validate_command(validate_paths);
  } catch (const std::exception& e) {
    std::cerr << "faultline: internal error (a bug in faultline, please report it): " << e.what() << '\n';
    return kExitInternal;
  }
}
