// A load generator's figures as they appear in result.json and the reports: counts, latency
// percentiles in milliseconds, throughput, for a whole run or one series interval.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/load/load_stats.h"

namespace faultline::result {

struct LatencyPercentiles {
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
};

struct LoadSummary {
  load::LoadCounts counts;
  std::uint64_t responses = 0;     // complete responses, whatever their status
  double error_rate = 0;           // failed requests / (ok + failed), 0 when nothing finished
  double throughput_rps = 0;       // responses per second of the span
  double connects_per_s = 0;       // connections established per second of the span
  double span_s = 0;               // the span the figures cover
  LatencyPercentiles latency;
  LatencyPercentiles schedule_lag; // open model only: how late requests left
};

LoadSummary summarize(const load::LoadStats& stats, double span_s);
LatencyPercentiles percentiles_ms(const load::Histogram& histogram_us);

// One row of a generator's per-interval series.
struct SeriesPoint {
  double t_s = 0;  // start of the interval, from the run's start
  LoadSummary summary;
};

struct GeneratorResult {
  std::string name;
  std::string model;        // "closed" or "open"
  unsigned threads = 0;
  unsigned connections = 0;
  LoadSummary summary;      // after warm-up
  load::LoadStats measured; // histograms after warm-up, encoded into the result
  std::vector<SeriesPoint> series;
};

}  // namespace faultline::result
