#include "reports/html/connection_facts.h"

#include <algorithm>
#include <cmath>

#include "reports/html/html_cells.h"
#include "reports/html/html_escape.h"
#include "reports/html/timeline.h"
#include "reports/html/value_format.h"

namespace faultline::reports::html {

namespace {

std::string count(double n) { return format_value(n, Unit::count); }

// "120 (2.91%): refused 100, timeout 20", "none".
std::string by_kind_text(double total, const std::map<std::string, double>& by_kind, double rate = NAN) {
  if (total == 0) return "none";
  std::string out = count(total);
  if (std::isfinite(rate)) out += " (" + format_value(rate, Unit::fraction) + ")";
  std::string kinds;
  for (const auto& [kind, n] : by_kind) {
    if (n > 0) kinds += (kinds.empty() ? ": " : ", ") + kind + " " + count(n);
  }
  return out + kinds;
}

std::string latency_text(const LatencySummary& l) {
  return "p50 " + format_value(l.p50_ms, Unit::ms) + " · p99 " + format_value(l.p99_ms, Unit::ms) + " · max " + format_value(l.max_ms, Unit::ms);
}

std::string seconds_or_never(const std::optional<double>& s) { return s ? format_value(*s, Unit::seconds) : "never"; }

std::string all_back_text(const ReconnectView& r) {
  if (!r.all_back_after_end_s) return "never";
  if (*r.all_back_after_end_s <= 0) return "before it ended";
  return format_value(*r.all_back_after_end_s, Unit::seconds) + " after it ended";
}

// "12,000 received, id gaps 3 (12 ids skipped)".
std::string events_text(const ConnectionView& c) {
  return count(c.events_received) + " received, id gaps " + count(c.event_id_gaps) + " (" + count(c.event_ids_skipped) + " ids skipped)";
}

// What the generator's figures count: tcp's connection slots, or clients.
std::string noun(const ConnectionView& c, bool plural) {
  return std::string(c.is_tcp() ? "connection" : "client") + (plural ? "s" : "");
}

}  // namespace

std::string render_connection_facts(const ConnectionView& c) {
  std::string out = "<dl class=\"facts\">";
  const auto fact = [&](const std::string& term, const std::string& value) { out += fact_row(term, value); };
  if (c.connections) {
    fact(noun(c, true), count(*c.connections) + (c.threads ? " on " + count(*c.threads) + (*c.threads == 1 ? " thread" : " threads") : ""));
  }
  fact("active", format_value(c.start_s, Unit::seconds) + "–" + (c.end_s() ? format_value(*c.end_s(), Unit::seconds) : "end"));
  fact("opening", c.pacing);
  fact("reconnect", c.reconnect);
  fact("source addresses", c.sources);
  fact("connects", count(c.connect_attempts) + " attempted (" + format_value(c.connect_attempts_per_s, Unit::rate) + "), " +
                       count(c.connects) + " established (" + format_value(c.connects_per_s, Unit::rate) + "), " + count(c.reconnects) +
                       " of them reconnects");
  fact("connect failures", by_kind_text(c.connect_failure_count(), c.connect_failures, c.connect_failure_rate));
  fact("lost", by_kind_text(c.disconnect_count(), c.disconnects));
  fact("closed by faultline", count(c.closed));
  if (!c.is_tcp()) fact("gave up", count(c.gave_up));
  fact("connected", count(c.connected) + " at the end, peak " + count(c.connected_peak));
  fact("connect latency", c.connects > 0 ? latency_text(c.connect_latency) : "no connect after warm-up");
  if (c.round_trip) fact("round trip", latency_text(*c.round_trip));
  if (c.delivery) fact("delivery", latency_text(*c.delivery));
  if (c.is_sse()) fact("events", events_text(c));
  return out + "</dl><p class=\"chart-note\">Figures after warm-up.</p>";
}

std::string render_reconnect_table(const RunView& run, const ConnectionView& c) {
  if (c.reconnects_by_fault.empty()) return "";
  std::string out = "<table class=\"data reconnects\"><caption>How the " + noun(c, true) +
                    " that lost their connection during each fault came back (time from the loss to the next connection)</caption>"
                    "<thead><tr><th scope=\"col\">fault</th><th scope=\"col\">lost</th><th scope=\"col\">back</th><th scope=\"col\">p50</th>"
                    "<th scope=\"col\">p99</th><th scope=\"col\">max</th><th scope=\"col\">all back</th></tr></thead><tbody>";
  for (const ReconnectView& r : c.reconnects_by_fault) {
    const std::string fault = fault_tag(r.fault) + (r.fault < run.faults.size() ? " " + run.faults[r.fault].label() : "");
    out += "<tr><th scope=\"row\">" + escape_html(fault) + "</th>" + cell(count(r.clients)) + cell(count(r.reconnected));
    if (r.clients > 0) {
      out += cell(seconds_or_never(r.p50_s)) + cell(seconds_or_never(r.p99_s)) + cell(seconds_or_never(r.max_s)) + cell(all_back_text(r));
    } else if (r.clients == 0) {
      out += "<td colspan=\"4\" class=\"absent\">no " + noun(c, false) + " lost its connection</td>";
    } else {
      // Not recorded: how many were lost is unknown, and so is how they came back.
      const std::string unknown = cell(count(NAN));
      out += unknown + unknown + unknown + unknown;
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  std::string notes;
  const bool never = std::any_of(c.reconnects_by_fault.begin(), c.reconnects_by_fault.end(), [](const ReconnectView& r) {
    return r.clients > 0 && !(r.p50_s && r.p99_s && r.max_s && r.all_back_after_end_s);
  });
  if (never) notes += "never: the " + noun(c, false) + " at that rank had not connected again when the load ended. ";
  if (c.outages_not_kept > 0) {
    notes += count(c.outages_not_kept) + " more losses went beyond faultline's bound on recorded outages: counted, not timed.";
  }
  return notes.empty() ? out : out + "<p class=\"chart-note\">" + escape_html(notes) + "</p>";
}

}  // namespace faultline::reports::html
