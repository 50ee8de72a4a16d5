#include "harness/result/connection_summary.h"

namespace faultline::result {

ConnectionSummary summarize(const load::StormStats& stats, double span_s) {
  ConnectionSummary s;
  s.counts = stats.counts;
  s.connected = stats.connected.last;
  s.connected_peak = stats.connected.peak;
  s.span_s = span_s;
  const auto per_s = [&](std::uint64_t n) { return span_s > 0 ? static_cast<double>(n) / span_s : 0.0; };
  s.connect_attempts_per_s = per_s(stats.counts.connect_attempts);
  s.connects_per_s = per_s(stats.counts.connects);
  const std::uint64_t failed = stats.counts.connect_failure_total();
  s.connect_failure_rate = stats.counts.connect_attempts > 0
                               ? static_cast<double>(failed) / static_cast<double>(stats.counts.connect_attempts)
                               : 0.0;
  s.connect_latency = percentiles_ms(stats.connect_latency_us);
  s.round_trip = percentiles_ms(stats.round_trip_us);
  s.delivery = percentiles_ms(stats.push_latency_us);
  s.round_trips = stats.round_trip_us.count();
  s.deliveries = stats.push_latency_us.count();
  return s;
}

}  // namespace faultline::result
