#include "reports/html/percentile_curve.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/load/histogram.h"

namespace faultline::reports::html {

namespace {

constexpr double kMicrosecondsPerMs = 1000.0;

}  // namespace

double percentile_axis_value(double percentile) { return 1.0 / (1.0 - percentile / 100.0); }

std::string percentile_axis_label(double axis_value) {
  if (!(axis_value >= 1) || !std::isfinite(axis_value)) return "";
  const double percent = 100.0 * (1.0 - 1.0 / axis_value);
  // As many decimals as it takes to show the nines: 99.9%, 99.99%.
  const int decimals = std::clamp(static_cast<int>(std::ceil(std::log10(axis_value) - 2 - 1e-9)), 0, 6);
  char text[32];
  std::snprintf(text, sizeof text, "%.*f%%", decimals, percent);
  return text;
}

std::optional<PercentileCurve> decode_percentile_curve(std::string_view encoded, int points_per_decade) {
  const std::optional<load::Histogram> histogram = load::Histogram::decode(encoded);
  if (!histogram) return std::nullopt;
  PercentileCurve curve;
  curve.count = histogram->count();
  curve.max_ms = static_cast<double>(histogram->max()) / kMicrosecondsPerMs;
  if (curve.count == 0) return curve;

  for (const double p : {50.0, 90.0, 99.0, 99.9, 99.99}) {
    curve.key_percentiles_ms.emplace_back(p, static_cast<double>(histogram->value_at_quantile(p / 100)) / kMicrosecondsPerMs);
  }

  // Sample at evenly spaced positions of the log axis, up to the last rank short of 100%; the
  // curve then ends at the maximum. Duplicates (a flat stretch) are kept: they draw the plateau.
  const double last_axis = static_cast<double>(curve.count);
  const double steps = std::ceil(std::log10(last_axis) * std::max(1, points_per_decade));
  for (double i = 0; i <= steps; ++i) {
    const double axis = steps == 0 ? 1 : std::pow(last_axis, i / steps);
    const double quantile = 1.0 - 1.0 / axis;
    curve.points.push_back(
        {100.0 * quantile, static_cast<double>(histogram->value_at_quantile(quantile)) / kMicrosecondsPerMs});
  }
  curve.points.push_back({100.0 * (1.0 - 1.0 / last_axis), curve.max_ms});
  return curve;
}

}  // namespace faultline::reports::html
