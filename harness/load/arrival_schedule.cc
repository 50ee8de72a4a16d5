#include "harness/load/arrival_schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace faultline::load {

namespace {

constexpr double kNanosecondsPerSecond = 1e9;

double to_seconds(scenario::Duration d) { return static_cast<double>(d.count()) / kNanosecondsPerSecond; }

// ceil(total), except that a total within rounding error of an integer is that integer: 0.1/s
// for 10 s must give 1 arrival, not 2 because the sum came out as 1.0000000000000002.
std::uint64_t count_below(double total) {
  const double nearest = std::round(total);
  if (std::abs(total - nearest) <= 1e-12 * std::max(1.0, total)) return static_cast<std::uint64_t>(nearest);
  return static_cast<std::uint64_t>(std::ceil(total));
}

}  // namespace

ArrivalSchedule::ArrivalSchedule(std::span<const scenario::Stage> stages, double share) {
  if (!std::isfinite(share) || share < 0) throw std::invalid_argument("arrival schedule: share must be >= 0");
  double arrivals = 0;  // N at the start of the next segment
  const auto add_segment = [&](Duration start, Duration length, double from_per_s, double to_per_s) {
    if (length <= Duration::zero()) return;
    const double seconds = to_seconds(length);
    const double count = (from_per_s + to_per_s) / 2 * seconds;
    if (count <= 0) return;
    segments_.push_back(
        Segment{start, length, from_per_s, (to_per_s - from_per_s) / seconds, arrivals, arrivals + count});
    arrivals += count;
  };

  double previous_rate_per_s = 0;
  Duration start{};
  for (const scenario::Stage& stage : stages) {
    if (!std::isfinite(stage.rate_per_s) || stage.rate_per_s < 0) {
      throw std::invalid_argument("arrival schedule: a stage's rate must be a number >= 0");
    }
    if (stage.length < Duration::zero() || stage.ramp < Duration::zero() || stage.ramp > stage.length) {
      throw std::invalid_argument("arrival schedule: a stage's ramp must be between 0 and its length");
    }
    const double rate_per_s = stage.rate_per_s * share;
    add_segment(start, stage.ramp, previous_rate_per_s, rate_per_s);
    add_segment(start + stage.ramp, stage.length - stage.ramp, rate_per_s, rate_per_s);
    start += stage.length;
    previous_rate_per_s = rate_per_s;
  }
  length_ = start;
  expected_count_ = count_below(arrivals);
}

std::optional<ArrivalSchedule::Duration> ArrivalSchedule::time_of(std::uint64_t n) const {
  if (n >= expected_count_) return std::nullopt;
  const auto wanted = static_cast<double>(n);
  // The first segment whose end N exceeds n: n is crossed inside it. There is one, since
  // n < expected_count_ <= ceil(N(end)) puts n below N(end). Segments where the rate is 0 are
  // absent, so an arrival is never placed at the start of a pause.
  const auto segment = std::upper_bound(segments_.begin(), segments_.end(), wanted,
                                        [](double value, const Segment& s) { return value < s.arrivals_through_end; });

  // Solve a*t + k*t^2/2 = m for the segment-relative time t, with a the rate at the segment's
  // start, k the slope and m the arrivals due within the segment. The textbook root
  // (-a + sqrt(a^2 + 2km)) / k cancels catastrophically when 2km is small against a^2; the
  // equivalent 2m / (a + sqrt(a^2 + 2km)) adds two non-negative terms, works for k = 0 (m/a),
  // for ramps down (k < 0) and from zero (a = 0).
  const double m = std::max(0.0, wanted - segment->arrivals_before);
  double seconds = 0;
  if (m > 0) {
    const double a = segment->start_rate_per_s;
    const double discriminant = std::max(0.0, a * a + 2 * segment->slope_per_s2 * m);
    seconds = 2 * m / (a + std::sqrt(discriminant));
  }
  const auto offset = static_cast<Duration::rep>(std::llround(seconds * kNanosecondsPerSecond));
  return segment->start + std::min(Duration(offset), segment->length);
}

}  // namespace faultline::load
