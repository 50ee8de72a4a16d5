#include "harness/result/load_summary.h"

namespace faultline::result {

LatencyPercentiles percentiles_ms(const load::Histogram& histogram_us) {
  LatencyPercentiles p;
  if (histogram_us.count() == 0) return p;
  const auto ms = [&](double q) { return static_cast<double>(histogram_us.value_at_quantile(q)) / 1000.0; };
  p.p50_ms = ms(0.50);
  p.p90_ms = ms(0.90);
  p.p99_ms = ms(0.99);
  p.p999_ms = ms(0.999);
  p.max_ms = static_cast<double>(histogram_us.max()) / 1000.0;
  return p;
}

LoadSummary summarize(const load::LoadStats& stats, double span_s) {
  LoadSummary s;
  s.counts = stats.counts;
  s.responses = stats.latency_us.count();
  s.span_s = span_s;
  const std::uint64_t failed = stats.counts.error_total();
  const std::uint64_t finished = stats.counts.ok + failed;
  s.error_rate = finished > 0 ? static_cast<double>(failed) / static_cast<double>(finished) : 0.0;
  s.throughput_rps = span_s > 0 ? static_cast<double>(s.responses) / span_s : 0.0;
  s.connects_per_s = span_s > 0 ? static_cast<double>(stats.counts.connects) / span_s : 0.0;
  s.latency = percentiles_ms(stats.latency_us);
  s.schedule_lag = percentiles_ms(stats.schedule_lag_us);
  return s;
}

}  // namespace faultline::result
