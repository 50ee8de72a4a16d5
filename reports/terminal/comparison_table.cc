#include "reports/terminal/comparison_table.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "reports/terminal/comparison_cells.h"

namespace faultline::reports {
namespace {

// Columns are padded by characters, not bytes: "±", "∞" and "→" take one column each.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(width - std::min(width, display_width(text)), ' ');
}

}  // namespace

void print_comparison_table(std::ostream& out, const result::ComparisonRecord& comparison) {
  out << "\n  compared with " << comparison.baseline_path << " (" << compared_runs(comparison) << ")\n";
  std::vector<ComparisonCells> rows;
  rows.reserve(comparison.metrics.size());
  for (const result::MetricComparisonRecord& metric : comparison.metrics) rows.push_back(comparison_cells(metric));
  std::array<std::size_t, 4> widths{};  // metric, baseline, current, change
  for (const ComparisonCells& row : rows) {
    widths[0] = std::max(widths[0], display_width(row.metric));
    widths[1] = std::max(widths[1], display_width(row.baseline));
    widths[2] = std::max(widths[2], display_width(row.current));
    widths[3] = std::max(widths[3], display_width(row.change));
  }
  for (const ComparisonCells& row : rows) {
    out << "    " << padded(row.metric, widths[0]) << "  " << padded(row.baseline, widths[1]) << "  →  "
        << padded(row.current, widths[2]) << "  " << padded(row.change, widths[3]) << "  (" << row.test << ")\n";
  }
  if (rows.empty()) out << "    no metric to compare\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const result::MetricComparisonRecord& metric = comparison.metrics[i];
    if (metric.verdict == "insufficient" && !metric.note.empty()) out << "    ? " << rows[i].metric << ": " << metric.note << '\n';
  }
  out << "  " << comparison_tally(comparison) << '\n';
}

}  // namespace faultline::reports
