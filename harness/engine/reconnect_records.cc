#include "harness/engine/reconnect_records.h"

#include <optional>

namespace faultline::engine {
namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point at(Clock::time_point epoch, double t_s) {
  return epoch + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(t_s));
}

std::optional<double> in_seconds(const std::optional<std::chrono::nanoseconds>& d) {
  if (!d) return std::nullopt;
  return std::chrono::duration<double>(*d).count();
}

}  // namespace

std::vector<result::ReconnectRecord> reconnect_records(std::span<const load::ClientOutage> outages,
                                                       const std::vector<result::FaultRecord>& faults,
                                                       Clock::time_point epoch, double run_end_s) {
  std::vector<result::ReconnectRecord> records;
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const result::FaultRecord& fault = faults[i];
    if (!fault.started_s) continue;
    const Clock::time_point from = at(epoch, *fault.started_s);
    const Clock::time_point to = at(epoch, fault.ended_s.value_or(run_end_s));
    std::vector<load::ClientOutage> during;
    for (const load::ClientOutage& outage : outages) {
      if (outage.disconnected_at >= from && outage.disconnected_at <= to) during.push_back(outage);
    }
    const load::ReconnectTimes times = load::summarize_reconnects(during, to, 1.0);
    result::ReconnectRecord record;
    record.fault = i;
    record.clients = times.clients;
    record.reconnected = times.reconnected;
    record.p50_s = in_seconds(times.p50);
    record.p99_s = in_seconds(times.p99);
    record.max_s = in_seconds(times.max);
    record.all_back_after_end_s = in_seconds(times.until_fraction_connected);
    records.push_back(record);
  }
  return records;
}

}  // namespace faultline::engine
