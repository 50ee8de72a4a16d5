#include "reports/html/axis_scale.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace faultline::reports::html {

namespace {

// Below this a log axis has nothing sensible to show (latencies are never under a nanosecond).
constexpr double kSmallestLogValue = 1e-6;

}  // namespace

double nice_step(double span, int max_ticks) {
  if (!(span > 0) || !std::isfinite(span)) return 1;
  const double raw = span / std::max(1, max_ticks);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double residual = raw / magnitude;
  const double factor = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  return factor * magnitude;
}

AxisScale::AxisScale(ScaleKind kind, double lowest, double highest, double pixel_from, double pixel_to)
    : kind_(kind), lowest_(lowest), highest_(highest), pixel_from_(pixel_from), pixel_to_(pixel_to) {}

AxisScale AxisScale::linear(double lowest, double highest, double pixel_from, double pixel_to, int max_ticks,
                            bool extend_to_ticks) {
  if (!std::isfinite(lowest) || !std::isfinite(highest)) lowest = highest = 0;
  if (lowest > highest) std::swap(lowest, highest);
  if (lowest == highest) {
    // A flat series still needs a visible axis: a unit around zero, or a band around the value.
    const double pad = lowest == 0 ? 1 : std::abs(lowest) * 0.5;
    lowest = lowest >= 0 && lowest - pad < 0 ? 0 : lowest - pad;
    highest += pad;
  }
  const double step = nice_step(highest - lowest, max_ticks);
  const double first = std::ceil(lowest / step - 1e-9);
  const double last = std::floor(highest / step + 1e-9);
  if (extend_to_ticks) {
    lowest = std::min(lowest, std::floor(lowest / step + 1e-9) * step);
    highest = std::max(highest, std::ceil(highest / step - 1e-9) * step);
  }
  AxisScale scale(ScaleKind::linear, lowest, highest, pixel_from, pixel_to);
  scale.tick_step_ = step;
  const double from = extend_to_ticks ? std::floor(lowest / step + 1e-9) : first;
  const double to = extend_to_ticks ? std::ceil(highest / step - 1e-9) : last;
  // Multiplying the index (rather than adding steps) keeps 0.1 * 3 from drifting to 0.30000004.
  for (double k = from; k <= to; ++k) scale.ticks_.push_back(k * step == 0 ? 0 : k * step);
  return scale;
}

AxisScale AxisScale::log(double lowest, double highest, double pixel_from, double pixel_to) {
  if (lowest > highest) std::swap(lowest, highest);
  if (!std::isfinite(highest) || highest < kSmallestLogValue) highest = 1;
  if (!std::isfinite(lowest) || lowest < kSmallestLogValue) lowest = std::min(highest, kSmallestLogValue);
  double low_decade = std::floor(std::log10(lowest) + 1e-9);
  double high_decade = std::ceil(std::log10(highest) - 1e-9);
  if (high_decade <= low_decade) high_decade = low_decade + 1;
  AxisScale scale(ScaleKind::log, std::pow(10.0, low_decade), std::pow(10.0, high_decade), pixel_from, pixel_to);
  const double decades = high_decade - low_decade;
  // Few decades leave room for 2 and 5 between the powers of ten; many need thinning instead.
  const double every = std::ceil(decades / 8);
  for (double d = low_decade; d <= high_decade; d += every) {
    const double power = std::pow(10.0, d);
    scale.ticks_.push_back(power);
    if (decades <= 2 && d < high_decade) {
      scale.ticks_.push_back(2 * power);
      scale.ticks_.push_back(5 * power);
    }
  }
  return scale;
}

bool AxisScale::can_show(double value) const {
  return std::isfinite(value) && (kind_ == ScaleKind::linear || value > 0);
}

double AxisScale::to_pixel(double value) const {
  double fraction = 0;
  if (kind_ == ScaleKind::linear) {
    fraction = (value - lowest_) / (highest_ - lowest_);
  } else {
    fraction = (std::log10(value) - std::log10(lowest_)) / (std::log10(highest_) - std::log10(lowest_));
  }
  return pixel_from_ + fraction * (pixel_to_ - pixel_from_);
}

std::string format_tick(double value, double step) {
  if (!std::isfinite(value)) return "";
  struct Prefix {
    double scale;
    const char* suffix;
  };
  static constexpr std::array<Prefix, 5> kPrefixes = {
      {{1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}}};
  double scale = 1;
  const char* suffix = "";
  for (const Prefix& prefix : kPrefixes) {
    if (std::abs(value) >= prefix.scale) {
      scale = prefix.scale;
      suffix = prefix.suffix;
      break;
    }
  }
  const double scaled = value / scale;
  // Enough decimals to tell neighbouring ticks apart, and at most three significant ones below 1.
  const double scaled_step = step > 0 && std::isfinite(step) ? step / scale : std::abs(scaled) / 10;
  int decimals = scaled_step > 0 ? static_cast<int>(std::ceil(-std::log10(scaled_step) - 1e-9)) : 0;
  decimals = std::clamp(decimals, 0, 6);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, scaled);
  std::string out = text;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  // "-0" is zero; erasing the sign (rather than assigning "0") also keeps GCC 12's -Wrestrict
  // false positive on string assignment under the sanitizers quiet.
  if (out == "-0") out.erase(0, 1);
  return out + suffix;
}

}  // namespace faultline::reports::html
