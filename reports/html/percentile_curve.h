// A load generator's latency distribution as a percentile curve (HdrHistogram's plot: the x axis
// is 1 / (1 - percentile) on a log scale, so 90%, 99%, 99.9% are evenly spaced), decoded from
// the "histogram" field of result.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::reports::html {

struct PercentilePoint {
  double percentile = 0;  // 0..100
  double latency_ms = 0;  // the latency below which `percentile` % of the requests finished
};

struct PercentileCurve {
  std::uint64_t count = 0;              // requests in the histogram
  std::vector<PercentilePoint> points;  // increasing percentile, the last one is the maximum
  double max_ms = 0;
  // The latency at percentile p (0..100), read from the histogram itself rather than the curve.
  std::vector<std::pair<double, double>> key_percentiles_ms;  // (p, latency): 50, 90, 99, 99.9, 99.99
};

// nullopt when the text is not a histogram this build can decode (another encoding version).
// `points_per_decade` bounds the curve's size however many buckets the histogram has.
std::optional<PercentileCurve> decode_percentile_curve(std::string_view encoded, int points_per_decade = 24);

// The x position of a percentile on the curve's axis: 1 / (1 - p/100). 100% has none (inf).
double percentile_axis_value(double percentile);
// The percentile at an axis value, formatted as a tick label: 1 -> "0%", 10 -> "90%",
// 1000 -> "99.9%".
std::string percentile_axis_label(double axis_value);

}  // namespace faultline::reports::html
