#include "reports/terminal/connection_generator_summary.h"

#include "reports/terminal/number_format.h"
#include "reports/terminal/reconnect_policy_text.h"
#include "reports/terminal/source_addresses_text.h"
#include "reports/terminal/summary.h"

namespace faultline::reports {

namespace {

std::string seconds_or_never(const std::optional<double>& s) { return s ? format_seconds(*s) : "never"; }

const scenario::ConnectionLoad* find_load(const scenario::Scenario& scenario, const std::string& name) {
  for (const scenario::ConnectionLoad& load : scenario.connection_load) {
    if (load.name == name) return &load;
  }
  return nullptr;
}

void print_messages(std::ostream& out, const load::StormCounts& c) {
  if (c.messages_sent + c.messages_received == 0) return;
  out << "    messages   sent " << with_thousands(c.messages_sent) << ", received " << with_thousands(c.messages_received)
      << " (replies " << with_thousands(c.replies_matched) << ", pushes " << with_thousands(c.pushes_received) << ')';
  if (c.sends_skipped > 0) out << ", " << with_thousands(c.sends_skipped) << " sends skipped with too many in flight";
  out << '\n';
}

// SSE: every message is an event; a jump in their ids is events lost in the stream.
void print_events(std::ostream& out, const load::StormCounts& c) {
  out << "    events     " << with_thousands(c.pushes_received) << " received, id gaps " << with_thousands(c.event_id_gaps) << " ("
      << with_thousands(c.event_ids_skipped) << " ids skipped)\n";
}

}  // namespace

std::string reconnect_line(const result::ReconnectRecord& r, bool tcp) {
  std::string line = "fault " + std::to_string(r.fault + 1) + ": ";
  if (r.clients == 0) return line + (tcp ? "no connection was lost" : "no client lost its connection");
  line += with_thousands(r.clients) + (tcp ? " connections were lost, " : " clients lost their connection, ") + with_thousands(r.reconnected) +
          (tcp ? " reopened" : " back");
  line += "; reconnect p50 " + seconds_or_never(r.p50_s) + " p99 " + seconds_or_never(r.p99_s) + " max " + seconds_or_never(r.max_s) + "; ";
  if (!r.all_back_after_end_s) return line + "never all back (" + with_thousands(r.clients - r.reconnected) + " never reconnected)";
  if (*r.all_back_after_end_s <= 0) return line + "all back before the fault ended";
  return line + "all back " + format_seconds(*r.all_back_after_end_s) + " after the fault ended";
}

void print_connection_generator(std::ostream& out, const result::ConnectionGeneratorResult& g, const scenario::Scenario& scenario) {
  const result::ConnectionSummary& s = g.summary;
  const load::StormCounts& c = s.counts;
  const bool tcp = g.kind == "tcp";
  out << "  " << g.name << "  (" << g.kind << ", " << with_thousands(g.connections) << (tcp ? " connection" : " client")
      << (g.connections == 1 ? ", " : "s, ") << g.threads << (g.threads == 1 ? " thread" : " threads") << ", "
      << measured_text(s.span_s, scenario) << ")\n";
  if (g.source_addresses > 0) {
    out << "    sources    " << source_addresses_text(g.source_addresses, g.source_addresses_spread_by_faultline) << '\n';
  }
  if (const scenario::ConnectionLoad* load = find_load(scenario, g.name); load != nullptr && !tcp) {
    out << "    reconnect  " << reconnect_policy_text(load->reconnect) << '\n';
  }
  out << "    connects   " << with_thousands(c.connect_attempts) << " attempted (" << format_rate(s.connect_attempts_per_s) << "), "
      << with_thousands(c.connects) << " made (" << format_rate(s.connects_per_s) << "), " << with_thousands(c.reconnects)
      << " of them reconnects";
  if (c.connects_skipped > 0) out << ", " << with_thousands(c.connects_skipped) << " skipped with every slot busy";
  out << "; failed " << with_thousands(c.connect_failure_total()) << " (" << format_percent(s.connect_failure_rate) << ')'
      << nonzero_counts_text<load::ConnectionError>(c.connect_failures) << '\n';
  out << "    connected  " << with_thousands(s.connected) << " at the end, peak " << with_thousands(s.connected_peak) << "; lost "
      << with_thousands(c.disconnect_total()) << nonzero_counts_text<load::ConnectionError>(c.disconnects) << "; closed " << with_thousands(c.closed);
  if (!tcp) out << "; gave up " << with_thousands(c.gave_up);
  out << '\n';
  if (c.connects > 0) {
    out << "    connect    " << format_percentiles(s.connect_latency) << '\n';
  } else {
    out << "    connect    no connection established while measured\n";
  }
  if (s.round_trips > 0) out << "    round trip " << format_percentiles(s.round_trip) << '\n';
  if (s.deliveries > 0) out << "    delivery   " << format_percentiles(s.delivery) << '\n';
  if (g.kind == "sse") {
    print_events(out, c);
  } else {
    print_messages(out, c);
  }
  for (const result::ReconnectRecord& r : g.reconnects) out << "    " << reconnect_line(r, tcp) << '\n';
  if (g.outages_not_kept > 0) {
    out << "    (" << with_thousands(g.outages_not_kept) << " more losses beyond the bound on recorded outages: counted, not timed)\n";
  }
}

}  // namespace faultline::reports
