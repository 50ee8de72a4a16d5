#include "harness/load/storm_stats.h"

#include <algorithm>
#include <numeric>

namespace faultline::load {

namespace {

template <std::size_t N>
void add_into(std::array<std::uint64_t, N>& into, const std::array<std::uint64_t, N>& from) {
  for (std::size_t i = 0; i < N; ++i) into[i] += from[i];
}

template <std::size_t N>
std::uint64_t sum(const std::array<std::uint64_t, N>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

}  // namespace

std::uint64_t StormCounts::connect_failure_total() const { return sum(connect_failures); }

std::uint64_t StormCounts::disconnect_total() const { return sum(disconnects); }

void StormCounts::merge(const StormCounts& other) {
  connect_attempts += other.connect_attempts;
  connects += other.connects;
  reconnects += other.reconnects;
  connects_skipped += other.connects_skipped;
  add_into(connect_failures, other.connect_failures);
  add_into(disconnects, other.disconnects);
  closed += other.closed;
  gave_up += other.gave_up;
  messages_sent += other.messages_sent;
  sends_skipped += other.sends_skipped;
  messages_received += other.messages_received;
  replies_matched += other.replies_matched;
  pushes_received += other.pushes_received;
  event_id_gaps += other.event_id_gaps;
  event_ids_skipped += other.event_ids_skipped;
}

void ConnectedGauge::merge(const ConnectedGauge& other) {
  last += other.last;
  peak += other.peak;
}

void ConnectedGauge::append(const ConnectedGauge& later) {
  last = later.last;
  peak = std::max(peak, later.peak);
}

void StormStats::merge(const StormStats& other) {
  add_events(other);
  connected.merge(other.connected);
}

void StormStats::append(const StormStats& later) {
  add_events(later);
  connected.append(later.connected);
}

void StormStats::add_events(const StormStats& other) {
  counts.merge(other.counts);
  connect_latency_us.merge(other.connect_latency_us);
  round_trip_us.merge(other.round_trip_us);
  push_latency_us.merge(other.push_latency_us);
}

void StormStats::reset() {
  counts = StormCounts{};
  connected = ConnectedGauge{};
  connect_latency_us.reset();
  round_trip_us.reset();
  push_latency_us.reset();
}

}  // namespace faultline::load
