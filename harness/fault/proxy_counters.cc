#include "harness/fault/proxy_counters.h"

namespace faultline::fault {

ProxyCounters ProxyCounters::since(const ProxyCounters& earlier) const {
  ProxyCounters delta = *this;
  delta.upstream_bytes -= earlier.upstream_bytes;
  delta.downstream_bytes -= earlier.downstream_bytes;
  delta.connections_accepted -= earlier.connections_accepted;
  delta.connections_closed -= earlier.connections_closed;
  delta.upstream_refused -= earlier.upstream_refused;
  delta.upstream_timeouts -= earlier.upstream_timeouts;
  delta.upstream_errors -= earlier.upstream_errors;
  delta.resets_injected -= earlier.resets_injected;
  delta.connections_cut -= earlier.connections_cut;
  delta.idle_timeouts -= earlier.idle_timeouts;
  delta.accept_errors -= earlier.accept_errors;
  delta.accept_pauses -= earlier.accept_pauses;
  return delta;
}

void WorkerCounters::add_to(ProxyCounters& total) const {
  const std::uint64_t closed = connections_closed.get();
  const std::uint64_t accepted = connections_accepted.get();
  total.upstream_bytes += upstream_bytes.get();
  total.downstream_bytes += downstream_bytes.get();
  total.connections_accepted += accepted;
  total.connections_closed += closed;
  total.upstream_refused += upstream_refused.get();
  total.upstream_timeouts += upstream_timeouts.get();
  total.upstream_errors += upstream_errors.get();
  total.resets_injected += resets_injected.get();
  total.connections_cut += connections_cut.get();
  total.idle_timeouts += idle_timeouts.get();
  total.accept_errors += accept_errors.get();
  total.accept_pauses += accept_pauses.get();
  // Relaxed reads of two cells may see a close before its accept; never report that as -1.
  total.connections_active += accepted > closed ? accepted - closed : 0;
  total.buffered_bytes += buffered_bytes.get();
  total.buffered_bytes_peak += buffered_bytes_peak.get();
}

}  // namespace faultline::fault
