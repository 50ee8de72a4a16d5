// `faultline metrics [SCENARIO]`: the metric catalogue that expectations name, or with a
// scenario the concrete names it can produce (load.api.p99) and the ones it cannot, with why.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/scenario_error.h"
#include "harness/scenario/scenario_parser.h"

namespace faultline::cli {

namespace {

using scenario::MetricDefinition;
using scenario::Scope;

// "run, steady, fault N, recovery": the scopes as the table's legend names them.
std::string scopes_text(const MetricDefinition& metric) {
  const std::pair<Scope::Kind, const char*> names[] = {{Scope::Kind::whole_run, "run"},
                                                       {Scope::Kind::steady, "steady"},
                                                       {Scope::Kind::fault, "fault N"},
                                                       {Scope::Kind::after_recovery, "recovery"}};
  std::string out;
  for (const auto& [kind, name] : names) {
    if (!scenario::supports(metric, kind)) continue;
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

struct Row {
  std::string name;
  const MetricDefinition* metric;
};

void print_rows(std::ostream& out, const std::vector<Row>& rows) {
  std::size_t name_width = 6;
  std::size_t scopes_width = 6;
  for (const Row& row : rows) {
    name_width = std::max(name_width, row.name.size());
    scopes_width = std::max(scopes_width, scopes_text(*row.metric).size());
  }
  const auto pad = [](std::string text, std::size_t width) { return text.append(width - std::min(width, text.size()), ' '); };
  out << "  " << pad("metric", name_width) << "  " << pad("unit", 5) << "  " << pad("scopes", scopes_width) << "  "
      << pad("live", 4) << "  " << pad("baseline", 8) << "  description\n";
  for (const Row& row : rows) {
    const bool live = row.metric->timing == scenario::MetricTiming::per_interval;
    const bool noisy = row.metric->comparison == scenario::MetricComparison::noisy;
    out << "  " << pad(row.name, name_width) << "  " << pad(std::string(scenario::unit_name(row.metric->unit)), 5) << "  "
        << pad(scopes_text(*row.metric), scopes_width) << "  " << pad(live ? "yes" : "", 4) << "  "
        << pad(noisy ? "noisy" : "exact", 8) << "  " << row.metric->description << '\n';
  }
}

void print_legend(std::ostream& out) {
  out << "\nAn expectation reads METRIC OP VALUE [SCOPE], like \"load.api.p99 < 250ms during steady\".\n"
         "  OP: < <= > >= == !=   VALUE in the metric's unit: ms and s take a duration (250ms, 5s), bytes a size\n"
         "  (64MiB), % a percentage (1%), req/s and count a plain number.\n"
         "  SCOPE: none = the whole run; \"during steady\" = the baseline window; \"during fault N\" = fault N's\n"
         "  window; \"after recovery\" = from the last fault's recovery to the end of the load. Over a window,\n"
         "  latency, error rate and throughput are the median of the per-interval values.\n"
         "An abort condition reads METRIC OP VALUE for DURATION and takes the live metrics only (the value of\n"
         "  one interval, or the level sampled in it).\n"
         "A baseline compares noisy metrics by their distributions (a tolerance in the scenario's\n"
         "  baseline.tolerance: a percentage, or an amount in the metric's unit) and exact ones as counts.\n";
}

}  // namespace

int metrics_command(const std::optional<std::string>& scenario_path) {
  if (!scenario_path) {
    std::vector<Row> rows;
    for (const MetricDefinition& metric : scenario::metric_catalogue()) rows.push_back({std::string(metric.name), &metric});
    std::cout << "Metrics expectations, abort conditions and baselines can name (<generator> is a load generator's name):\n\n";
    print_rows(std::cout, rows);
    print_legend(std::cout);
    return kExitPass;
  }
  scenario::Scenario s;
  try {
    s = scenario::parse_scenario_file(*scenario_path);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitUsage;
  }
  std::vector<Row> available;
  std::vector<std::pair<const MetricDefinition*, std::string>> unavailable;
  for (const scenario::ConcreteMetric& metric : scenario::concrete_metrics(s)) {
    if (metric.availability.available) {
      available.push_back({metric.name, metric.definition});
    } else {
      unavailable.emplace_back(metric.definition, metric.availability.reason);
    }
  }
  std::cout << "Metrics scenario " << s.name << " can produce:\n\n";
  print_rows(std::cout, available);
  if (!unavailable.empty()) {
    std::cout << "\nNot produced by this scenario:\n";
    for (const auto& [metric, reason] : unavailable) std::cout << "  " << metric->name << ": " << reason << '\n';
  }
  print_legend(std::cout);
  return kExitPass;
}

}  // namespace faultline::cli
