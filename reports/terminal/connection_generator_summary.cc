#include "reports/terminal/connection_generator_summary.h"

#include "harness/scenario/units.h"
#include "reports/terminal/number_format.h"

namespace faultline::reports {

namespace {

using ConnectionErrorCounts = std::array<std::uint64_t, load::kConnectionErrorCount>;

// ": refused 100, timeout 20": the non-zero kinds only; "" when there are none.
std::string kinds_text(const ConnectionErrorCounts& counts) {
  std::string text;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    text += (text.empty() ? ": " : ", ") + std::string(load::to_string(static_cast<load::ConnectionError>(i))) + ' ' + with_thousands(counts[i]);
  }
  return text;
}

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
  if (c.event_id_gaps > 0) {
    out << ", " << with_thousands(c.event_id_gaps) << " gaps in event ids (" << with_thousands(c.event_ids_skipped) << " events lost)";
  }
  out << '\n';
}

}  // namespace

std::string reconnect_policy_text(const scenario::Reconnect& reconnect) {
  using Backoff = scenario::Reconnect::Backoff;
  if (reconnect.backoff == Backoff::immediate) {
    return reconnect.max_attempts > 0 ? "immediately, gives up after " + std::to_string(reconnect.max_attempts) + " attempts" : "immediately";
  }
  std::string text = reconnect.backoff == Backoff::fixed
                         ? "after " + scenario::format_duration(reconnect.delay)
                         : "exponential backoff " + scenario::format_duration(reconnect.base) + " to " + scenario::format_duration(reconnect.cap);
  switch (reconnect.jitter) {
    case scenario::Reconnect::Jitter::none: text += ", no jitter"; break;
    case scenario::Reconnect::Jitter::full: text += ", full jitter"; break;
    case scenario::Reconnect::Jitter::equal: text += ", equal jitter"; break;
  }
  if (reconnect.max_attempts > 0) text += ", gives up after " + std::to_string(reconnect.max_attempts) + " attempts";
  return text;
}

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

void print_connection_generator(std::ostream& out, const result::ConnectionGeneratorResult& g, const scenario::Scenario& scenario,
                                const std::string& measured) {
  const result::ConnectionSummary& s = g.summary;
  const load::StormCounts& c = s.counts;
  const bool tcp = g.kind == "tcp";
  out << "  " << g.name << "  (" << g.kind << ", " << with_thousands(g.connections) << (tcp ? " connection" : " client")
      << (g.connections == 1 ? ", " : "s, ") << g.threads << (g.threads == 1 ? " thread" : " threads") << ", " << measured << ")\n";
  if (const scenario::ConnectionLoad* load = find_load(scenario, g.name); load != nullptr && !tcp) {
    out << "    reconnect  " << reconnect_policy_text(load->reconnect) << '\n';
  }
  out << "    connects   " << with_thousands(c.connect_attempts) << " attempted (" << format_rate(s.connect_attempts_per_s) << "), "
      << with_thousands(c.connects) << " made (" << format_rate(s.connects_per_s) << "), " << with_thousands(c.reconnects)
      << " of them reconnects";
  if (c.connects_skipped > 0) out << ", " << with_thousands(c.connects_skipped) << " skipped with every slot busy";
  out << "; failed " << with_thousands(c.connect_failure_total()) << " (" << format_percent(s.connect_failure_rate) << ')'
      << kinds_text(c.connect_failures) << '\n';
  out << "    connected  " << with_thousands(s.connected) << " at the end, peak " << with_thousands(s.connected_peak) << "; lost "
      << with_thousands(c.disconnect_total()) << kinds_text(c.disconnects) << "; closed " << with_thousands(c.closed);
  if (!tcp) out << "; gave up " << with_thousands(c.gave_up);
  out << '\n';
  if (c.connects > 0) {
    out << "    connect    " << format_percentiles(s.connect_latency) << '\n';
  } else {
    out << "    connect    no connection established while measured\n";
  }
  if (s.round_trips > 0) out << "    round trip " << format_percentiles(s.round_trip) << '\n';
  if (s.deliveries > 0) out << "    delivery   " << format_percentiles(s.delivery) << '\n';
  print_messages(out, c);
  for (const result::ReconnectRecord& r : g.reconnects) out << "    " << reconnect_line(r, tcp) << '\n';
  if (g.outages_not_kept > 0) {
    out << "    (" << with_thousands(g.outages_not_kept) << " more losses beyond the bound on recorded outages: counted, not timed)\n";
  }
}

}  // namespace faultline::reports
