// What a load generator measured over some span of time: counters by outcome and the latency
// distribution. Each worker thread owns its own LoadStats (no locking on the hot path); they
// are merged per interval and at the end of the run.
#pragma once

#include <array>
#include <cstdint>

#include "harness/load/error_class.h"
#include "harness/load/histogram.h"

namespace faultline::load {

struct LoadCounts {
  std::uint64_t sent = 0;  // requests written to a connection
  std::uint64_t ok = 0;    // complete responses with status 1xx-3xx
  std::uint64_t late = 0;  // open model: waited for a free connection past their intended time
  std::uint64_t connects = 0;  // connections established (one per request without keep-alive)
  std::array<std::uint64_t, kErrorClassCount> errors{};  // failed requests by class

  void add_error(ErrorClass error, std::uint64_t n = 1) { errors[static_cast<std::size_t>(error)] += n; }
  std::uint64_t error_total() const;
  void merge(const LoadCounts& other);
};

struct LoadStats {
  LoadCounts counts;
  Histogram latency_us;       // every complete response, from the intended (open) or actual send
  Histogram schedule_lag_us;  // open model: actual send time minus intended send time

  void merge(const LoadStats& other);
  void reset();
};

}  // namespace faultline::load
