// One axis of a chart: maps data values to pixels on a linear or logarithmic scale and chooses
// round ("nice") tick values, so that 0–1e12 reads as 0, 200G, 400G ... and not 0, 1.7e11.
#pragma once

#include <string>
#include <vector>

namespace faultline::reports::html {

enum class ScaleKind { linear, log };

class AxisScale {
 public:
  // Covers [lowest, highest] (finite, any order). `extend_to_ticks` widens the domain to the
  // outermost round ticks (for value axes); without it the domain is exactly the data range (for
  // the time axis, which must end where the run ended). An empty or zero-width range becomes a
  // sensible small one around the value. Log scales clamp `lowest` to a positive value.
  static AxisScale linear(double lowest, double highest, double pixel_from, double pixel_to, int max_ticks,
                          bool extend_to_ticks);
  static AxisScale log(double lowest, double highest, double pixel_from, double pixel_to);

  ScaleKind kind() const { return kind_; }
  double lowest() const { return lowest_; }
  double highest() const { return highest_; }
  double pixel_from() const { return pixel_from_; }
  double pixel_to() const { return pixel_to_; }
  const std::vector<double>& ticks() const { return ticks_; }
  // Distance between linear ticks (0 for log scales); tells tick labels how many decimals to use.
  double tick_step() const { return tick_step_; }

  // A value a point can be drawn at: finite and, on a log scale, positive.
  bool can_show(double value) const;
  // Values outside the domain map outside the pixel range (charts clip them).
  double to_pixel(double value) const;

 private:
  AxisScale(ScaleKind kind, double lowest, double highest, double pixel_from, double pixel_to);

  ScaleKind kind_;
  double lowest_, highest_;
  double pixel_from_, pixel_to_;
  std::vector<double> ticks_;
  double tick_step_ = 0;
};

// The round step (1, 2 or 5 times a power of ten) that splits `span` into at most `max_ticks`.
double nice_step(double span, int max_ticks);

// A tick label: SI suffixes from a thousand up (1.5k, 200G, 1T), decimals only as many as the
// step needs, never "-0", "nan" or "inf" (non-finite values give an empty string).
std::string format_tick(double value, double step);

}  // namespace faultline::reports::html
