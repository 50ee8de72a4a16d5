#include "harness/load/reconnect_times.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace faultline::load {

namespace {

using std::chrono::nanoseconds;

// The 1-based nearest rank of quantile q among n values: max(1, ceil(q * n)), with q first
// nudged down by one ulp so that 0.99 of 100 values is rank 99, not 100 (as Histogram does).
std::size_t nearest_rank(double q, std::size_t n) {
  const double scaled = std::nextafter(q, 0.0) * static_cast<double>(n);
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(scaled)));
}

// `sorted` holds the reconnect times of the clients that reconnected; the other `total - size`
// clients never did and rank above them.
std::optional<nanoseconds> at_rank(const std::vector<nanoseconds>& sorted, std::size_t rank) {
  if (rank > sorted.size()) return std::nullopt;
  return sorted[rank - 1];
}

}  // namespace

ReconnectTimes summarize_reconnects(std::span<const ClientOutage> outages, ClientOutage::Clock::time_point since,
                                    double fraction) {
  if (!(fraction > 0.0 && fraction <= 1.0)) {
    throw std::invalid_argument("the share of reconnected clients must be in (0, 1]");
  }
  ReconnectTimes times;
  times.clients = outages.size();
  if (outages.empty()) return times;

  std::vector<nanoseconds> reconnect_times;  // per reconnected client
  std::vector<nanoseconds> connected_after;  // from `since`, per reconnected client
  reconnect_times.reserve(outages.size());
  connected_after.reserve(outages.size());
  for (const ClientOutage& outage : outages) {
    if (!outage.reconnected_at) continue;
    reconnect_times.push_back(*outage.reconnected_at - outage.disconnected_at);
    connected_after.push_back(std::max(nanoseconds::zero(), nanoseconds(*outage.reconnected_at - since)));
  }
  times.reconnected = reconnect_times.size();
  std::sort(reconnect_times.begin(), reconnect_times.end());
  std::sort(connected_after.begin(), connected_after.end());

  const std::size_t n = outages.size();
  times.p50 = at_rank(reconnect_times, nearest_rank(0.50, n));
  times.p99 = at_rank(reconnect_times, nearest_rank(0.99, n));
  times.max = at_rank(reconnect_times, n);
  times.until_fraction_connected = at_rank(connected_after, nearest_rank(fraction, n));
  return times;
}

}  // namespace faultline::load
