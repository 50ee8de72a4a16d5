#include "reports/terminal/comparison_cells.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "harness/analysis/comparison.h"
#include "harness/analysis/comparison_format.h"
#include "harness/analysis/median.h"
#include "harness/analysis/value_format.h"

namespace faultline::reports {
namespace {

using scenario::MetricUnit;

std::optional<MetricUnit> unit_named(std::string_view name) {
  constexpr std::array kUnits{MetricUnit::milliseconds, MetricUnit::seconds, MetricUnit::bytes,
                              MetricUnit::per_second,   MetricUnit::fraction, MetricUnit::count};
  for (const MetricUnit unit : kUnits) {
    if (scenario::unit_name(unit) == name) return unit;
  }
  return std::nullopt;
}

// A value in the record's unit, scaled as the analysis writes it; a unit the catalogue does not
// know is written after the number as it is.
std::string value_text(double value, const std::string& unit) {
  if (const auto known = unit_named(unit)) return analysis::format_value(value, *known);
  return analysis::significant(value) + (unit.empty() ? "" : " " + unit);
}

std::string side_text(const result::SampleSummary& side, const result::MetricComparisonRecord& metric) {
  if (!side.median) return "n/a";
  const std::string median = value_text(*side.median, metric.unit);
  if (metric.kind == "exact") return median;
  if (!side.low || !side.high) return median + " ± ∞";
  const analysis::MedianInterval interval{.count = side.n, .median = side.median, .bounded = true, .low = side.low, .high = side.high};
  if (const auto half_width = analysis::relative_half_width(interval)) {
    return median + " ± " + std::to_string(std::llround(*half_width * 100)) + "%";
  }
  // A median of 0 has no relative width: the half-width in the metric's unit.
  return median + " ± " + value_text(std::max(std::abs(*side.low), std::abs(*side.high)), metric.unit);
}

std::string delta_text(const result::MetricComparisonRecord& metric) {
  if (metric.kind == "exact") {
    if (!metric.baseline.median || !metric.current.median) return "";
    const double change = *metric.current.median - *metric.baseline.median;
    return (change > 0 ? "+" : "") + value_text(change, metric.unit);
  }
  return metric.delta ? analysis::format_delta(*metric.delta) : "";
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

ComparisonCells comparison_cells(const result::MetricComparisonRecord& metric) {
  ComparisonCells cells;
  cells.metric = metric.scope.empty() ? metric.metric : metric.metric + " " + metric.scope;
  cells.baseline = side_text(metric.baseline, metric);
  cells.current = side_text(metric.current, metric);
  cells.delta = delta_text(metric);
  if (metric.verdict == "same") {
    cells.change = "~";
  } else if (metric.verdict == "insufficient" || cells.delta.empty()) {
    cells.change = "?";
  } else {
    cells.change = cells.delta;
  }
  const std::string sizes = "n=" + std::to_string(metric.baseline.n) + "+" + std::to_string(metric.current.n);
  if (metric.kind == "exact") {
    cells.test = "exact";
  } else {
    cells.test = metric.p ? analysis::format_p(*metric.p) + " " + sizes : sizes;
  }
  return cells;
}

bool fails_comparison(const result::MetricComparisonRecord& metric, const result::ComparisonRecord& comparison) {
  return metric.verdict == "regressed" || (metric.verdict == "insufficient" && !comparison.too_few_samples_pass);
}

std::string compared_runs(const result::ComparisonRecord& comparison) {
  return plural(comparison.baseline_runs, "run") + " → " + plural(comparison.current_runs, "run");
}

std::string comparison_tally(const result::ComparisonRecord& comparison) {
  std::string tally = comparison.regressions == 0 ? "no regression" : plural(comparison.regressions, "regression");
  if (comparison.insufficient > 0) {
    const std::string needed = std::to_string(analysis::samples_needed_for_significance(comparison.alpha));
    const bool per_run = std::any_of(comparison.metrics.begin(), comparison.metrics.end(), [](const result::MetricComparisonRecord& m) {
      return m.verdict == "insufficient" && m.samples == "runs";
    });
    tally += ", " + std::to_string(comparison.insufficient) + " insufficient" +
             (comparison.too_few_samples_pass ? ", accepted by the scenario" : "") + " (needs " + needed + "+" + needed +
             (per_run ? " runs: --repeat " + needed + ")" : " samples)");
  }
  if (comparison.improvements > 0) tally += ", " + plural(comparison.improvements, "improvement");
  return tally;
}

}  // namespace faultline::reports
