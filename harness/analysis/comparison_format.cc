#include "harness/analysis/comparison_format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace faultline::analysis {
namespace {

std::string format_median(const MedianInterval& interval, MetricUnit unit) {
  if (!interval.median) return "n/a";
  std::string text = format_value(*interval.median, unit) + " ± ";
  if (!interval.bounded) return text + "∞";
  if (const auto half_width = relative_half_width(interval)) {
    return text + std::to_string(static_cast<long long>(std::llround(*half_width * 100))) + "%";
  }
  // A median of 0 has no relative width: show the half-width in the metric's unit.
  return text + format_value(std::max(std::abs(*interval.high), std::abs(*interval.low)), unit);
}

}  // namespace

std::string format_p(double p) {
  if (p < 0.001) return "p<0.001";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "p=%.2g", p);
  return buffer.data();
}

std::string format_delta(double delta) {
  if (std::isinf(delta)) return delta > 0 ? "+∞%" : "-∞%";
  const double percent = delta * 100;
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), std::abs(percent) >= 10 ? "%+.0f%%" : "%+.1f%%", percent);
  return buffer.data();
}

std::string format_comparison(std::string_view metric, const NoisyComparison& comparison, MetricUnit unit) {
  std::string line = std::string(metric) + "  " + format_median(comparison.baseline, unit) + "  →  " +
                     format_median(comparison.current, unit) + "  ";
  const std::string sizes = "n=" + std::to_string(comparison.test.n1) + "+" + std::to_string(comparison.test.n2);
  switch (comparison.verdict) {
    case ComparisonVerdict::insufficient:
      return line + "?  (" + comparison.note + ")";
    case ComparisonVerdict::same:
      return line + "~  (" + format_p(comparison.test.p) + " " + sizes + ")";
    case ComparisonVerdict::regressed:
    case ComparisonVerdict::improved:
      return line + format_delta(*comparison.delta) + "  (" + format_p(comparison.test.p) + " " + sizes + ")";
  }
  return line;
}

std::string format_comparison(std::string_view metric, const ExactComparison& comparison) {
  std::string line = std::string(metric) + "  " + std::to_string(comparison.baseline) + "  →  " +
                     std::to_string(comparison.current) + "  ";
  if (comparison.verdict == ComparisonVerdict::same) return line + "~  (exact)";
  const bool up = comparison.current > comparison.baseline;
  const std::uint64_t change = up ? comparison.current - comparison.baseline : comparison.baseline - comparison.current;
  return line + (up ? "+" : "-") + std::to_string(change) + "  (exact)";
}

}  // namespace faultline::analysis
