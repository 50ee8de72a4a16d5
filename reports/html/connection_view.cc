#include "reports/html/connection_view.h"

#include <limits>

#include "harness/scenario/units.h"
#include "reports/html/idle_intervals.h"
#include "reports/html/json_read.h"
#include "reports/html/value_format.h"
#include "reports/terminal/reconnect_policy_text.h"
#include "reports/terminal/source_addresses_text.h"

namespace faultline::reports::html {

namespace {

using nlohmann::json;

std::string kind_of(const json& planned, const json& measured) {
  const std::string kind = text(member(measured, "kind"));
  return kind.empty() ? text(member(planned, "kind")) : kind;
}

std::string pacing_text(const std::string& kind, const json& planned) {
  if (kind == "tcp") {
    const json& rate = member(planned, "rate");
    const std::string opens =
        rate.is_number() ? "opens " + format_value(number(rate), Unit::count) + " connections/s" : "reopens each slot as soon as it closed";
    const json& hold = member(planned, "hold");
    return hold.is_string() ? opens + ", holds each " + text(hold) : opens;
  }
  const json& rate = member(planned, "connect_rate");
  if (rate.is_number()) return "starts " + format_value(number(rate), Unit::count) + " clients/s";
  return member(planned, "clients").is_number() ? "starts every client at once" : "";
}

// The policy as the scenario recorded in result.json states it, read forgivingly: a field missing
// or unreadable keeps the scenario format's default. Unset when the backoff is one this version
// does not know.
std::optional<scenario::Reconnect> read_reconnect(const json& recorded) {
  using Reconnect = scenario::Reconnect;
  Reconnect policy;
  const std::string backoff = text(member(recorded, "backoff"));
  if (backoff == "immediate") {
    policy.backoff = Reconnect::Backoff::immediate;
  } else if (backoff == "fixed") {
    policy.backoff = Reconnect::Backoff::fixed;
  } else if (backoff != "exponential") {
    return std::nullopt;
  }
  const auto read_duration = [&](const char* key, scenario::Duration& into) {
    const json& value = member(recorded, key);
    if (!value.is_string()) return;
    if (const auto parsed = scenario::parse_duration(value.get<std::string>())) into = *parsed;
  };
  read_duration("delay", policy.delay);
  read_duration("base", policy.base);
  read_duration("cap", policy.cap);
  const std::string jitter = text(member(recorded, "jitter"));
  if (jitter == "none") policy.jitter = Reconnect::Jitter::none;
  if (jitter == "equal") policy.jitter = Reconnect::Jitter::equal;
  const double max_attempts = number(member(recorded, "max_attempts"), 0);
  if (max_attempts > 0 && max_attempts <= std::numeric_limits<unsigned>::max()) policy.max_attempts = static_cast<unsigned>(max_attempts);
  return policy;
}

// Empty when nothing was recorded; a backoff this version does not know as written.
std::string reconnect_text(const json& recorded) {
  if (!recorded.is_object()) return "";
  const std::optional<scenario::Reconnect> policy = read_reconnect(recorded);
  return policy ? reconnect_policy_text(*policy) : text(member(recorded, "backoff"));
}

LatencySummary latency(const json& percentiles) {
  return {number(member(percentiles, "p50")), number(member(percentiles, "p99")), number(member(percentiles, "max"))};
}

std::optional<LatencySummary> measured_latency(const json& percentiles) {
  if (!percentiles.is_object()) return std::nullopt;
  return latency(percentiles);
}

std::map<std::string, double> counts_by_kind(const json& counts) {
  std::map<std::string, double> out;
  if (!counts.is_object()) return out;
  for (const auto& [kind, count] : counts.items()) out[kind] = number(count, 0);
  return out;
}

// Only the non-zero kinds are written per interval: every kind any row names gets a vector, 0
// where a row lacks it.
void read_counts_by_kind(const json& rows, const char* key, std::map<std::string, std::vector<double>>& out) {
  for (const json& row : rows) {
    const json& counts = member(row, key);
    if (!counts.is_object()) continue;
    for (const auto& [kind, count] : counts.items()) out.try_emplace(kind);
  }
  for (const json& row : rows) {
    for (auto& [kind, counts] : out) counts.push_back(number(member(member(row, key), kind.c_str()), 0));
  }
}

ConnectionSeries read_series(const json& rows) {
  ConnectionSeries series;
  if (!rows.is_array()) return series;
  for (const json& row : rows) {
    series.t_s.push_back(number(member(row, "t")));
    series.connect_attempts_per_s.push_back(number(member(row, "connect_attempts_per_s")));
    series.connects_per_s.push_back(number(member(row, "connects_per_s")));
    series.connected.push_back(number(member(row, "connected")));
    series.connected_peak.push_back(number(member(row, "connected_peak")));
    series.connect_p50_ms.push_back(number(member(row, "connect_p50_ms")));
    series.connect_p99_ms.push_back(number(member(row, "connect_p99_ms")));
    series.round_trip_p99_ms.push_back(number(member(row, "round_trip_p99_ms")));
    series.delivery_p99_ms.push_back(number(member(row, "delivery_p99_ms")));
  }
  read_counts_by_kind(rows, "connect_failures", series.connect_failures);
  read_counts_by_kind(rows, "disconnects", series.disconnects);
  return series;
}

std::vector<ReconnectView> read_reconnects(const json& records) {
  std::vector<ReconnectView> out;
  if (!records.is_array()) return out;
  for (const json& r : records) {
    const std::optional<double> fault = number_or_none(member(r, "fault"));
    if (!fault || *fault < 0) continue;
    out.push_back({static_cast<std::size_t>(*fault), number(member(r, "clients")), number(member(r, "reconnected")),
                   number_or_none(member(r, "p50_s")), number_or_none(member(r, "p99_s")), number_or_none(member(r, "max_s")),
                   number_or_none(member(r, "all_back_after_end_s"))});
  }
  return out;
}

double total(const std::map<std::string, double>& counts) {
  double sum = 0;
  for (const auto& [kind, count] : counts) sum += count;
  return sum;
}

}  // namespace

double ConnectionView::connect_failure_count() const { return total(connect_failures); }
double ConnectionView::disconnect_count() const { return total(disconnects); }

bool is_connection_generator(const json& planned, const json& measured) {
  const std::string kind = kind_of(planned, measured);
  return kind == "tcp" || kind == "websocket" || kind == "sse";
}

ConnectionView read_connection_generator(const std::string& name, const json& planned, const json& measured, double interval_s) {
  ConnectionView c;
  c.name = name;
  c.kind = kind_of(planned, measured);
  c.connections = number_or_none(member(measured, "connections"));
  if (!c.connections) c.connections = number_or_none(member(planned, c.is_tcp() ? "connections" : "clients"));
  c.threads = number_or_none(member(measured, "threads"));
  c.pacing = pacing_text(c.kind, planned);
  c.reconnect = reconnect_text(member(planned, "reconnect"));
  c.sources = source_addresses_text(static_cast<unsigned>(number(member(measured, "source_addresses"), 0)),
                                    text(member(measured, "source_addresses_by")) == "faultline");
  c.start_s = duration_seconds(member(planned, "start")).value_or(0);
  c.length_s = duration_seconds(member(planned, "for"));

  const json& summary = member(measured, "summary");
  c.connect_attempts = number(member(summary, "connect_attempts"), 0);
  c.connects = number(member(summary, "connects"), 0);
  c.reconnects = number(member(summary, "reconnects"), 0);
  c.closed = number(member(summary, "closed"), 0);
  c.gave_up = number(member(summary, "gave_up"), 0);
  c.connect_attempts_per_s = number(member(summary, "connect_attempts_per_s"));
  c.connects_per_s = number(member(summary, "connects_per_s"));
  c.connect_failure_rate = number(member(summary, "connect_failure_rate"));
  c.connected = number(member(summary, "connected"));
  c.connected_peak = number(member(summary, "connected_peak"));
  c.connect_failures = counts_by_kind(member(summary, "connect_failures"));
  c.disconnects = counts_by_kind(member(summary, "disconnects"));
  c.events_received = number(member(summary, "pushes"), 0);
  c.event_id_gaps = number(member(summary, "event_id_gaps"));
  c.event_ids_skipped = number(member(summary, "event_ids_skipped"));
  c.connect_latency = latency(member(summary, "connect_ms"));
  c.round_trip = measured_latency(member(summary, "round_trip_ms"));
  c.delivery = measured_latency(member(summary, "delivery_ms"));
  c.series = read_series(member(measured, "series"));
  ConnectionSeries& series = c.series;
  blank_idle_intervals(series.t_s, interval_s, c.start_s, c.end_s(),
                       {{&series.connect_attempts_per_s, &series.connects_per_s, &series.connected, &series.connected_peak},
                        {&series.connect_failures, &series.disconnects}});
  c.reconnects_by_fault = read_reconnects(member(measured, "reconnects"));
  c.outages_not_kept = number(member(measured, "outages_not_kept"), 0);
  return c;
}

}  // namespace faultline::reports::html
