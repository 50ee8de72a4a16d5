// result.json read once into the typed values the HTML report draws. Reading is forgiving: the
// report must render a result from an older or newer faultline, a partial result of an
// interrupted run, or one whose optional sections (faults, target series, analysis) are absent,
// so a missing or mistyped field becomes an empty value here and never an exception.
#pragma once

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::reports::html {

struct LatencySummary {
  double p50_ms = NAN, p99_ms = NAN, max_ms = NAN;
};

// One load generator's per-interval series; every vector has one value per interval.
struct GeneratorSeries {
  std::vector<double> t_s;  // start of each interval, from the run's start
  std::vector<double> throughput_rps, p50_ms, p90_ms, p99_ms, max_ms;
  std::map<std::string, std::vector<double>> errors_by_class;  // error count per interval
};

struct GeneratorView {
  std::string name;
  std::string model;               // "closed" or "open"
  std::optional<double> connections, threads;
  std::string rate;                // open model: the stages as text ("0→2000/s over 2s, 2000/s for 6s")
  double start_s = 0;              // when the generator starts, from the run's start
  std::optional<double> length_s;  // how long it runs; unset: until the end
  double ok = 0;
  std::map<std::string, double> errors;  // whole run, by class
  double error_count = 0;
  double error_rate = NAN;               // fraction
  double throughput_rps = NAN;
  LatencySummary latency;
  std::string histogram;                 // encoded; see percentile_curve.h
  GeneratorSeries series;

  // When it stops, from the run's start; unset: at the end.
  std::optional<double> end_s() const { return length_s ? std::optional(start_s + *length_s) : std::nullopt; }
};

// A connection-level generator's per-interval series (kinds tcp, websocket, sse); every vector
// has one value per interval.
struct ConnectionSeries {
  std::vector<double> t_s;  // start of each interval, from the run's start
  std::vector<double> connect_attempts_per_s, connects_per_s;
  std::vector<double> connected;       // open at the end of the interval
  std::vector<double> connected_peak;  // most open at once during it
  // Gaps (NaN) where nothing was measured: no connect established, no round trip, no delivery.
  std::vector<double> connect_p50_ms, connect_p99_ms, round_trip_p99_ms, delivery_p99_ms;
  // Counts per interval, by why the connect failed or the connection was lost ("refused", ...).
  std::map<std::string, std::vector<double>> connect_failures, disconnects;
};

// One fault's reconnects: how the clients that lost their connection during it came back.
struct ReconnectView {
  std::size_t fault = 0;  // index into faults
  double clients = NAN;   // lost their connection during the fault's window; NaN: not recorded
  double reconnected = NAN;
  // Unset with clients > 0: the rank fell on a client that never came back ("never").
  std::optional<double> p50_s, p99_s, max_s;
  std::optional<double> all_back_after_end_s;  // unset: not every client came back
};

struct ConnectionView {
  std::string name;
  std::string kind;                          // "tcp", "websocket", "sse", or what a newer result says
  std::optional<double> connections, threads;  // tcp: connection slots; websocket, sse: clients
  // How connections are opened: "starts 200 clients/s", "opens 100 connections/s, holds each 1s".
  std::string pacing;
  std::string reconnect;   // the reconnect policy as text; empty for tcp
  std::string sources;     // the source addresses connections left from as text; empty: the kernel's choice
  double start_s = 0;
  std::optional<double> length_s;  // unset: until the end
  // The whole run after warm-up.
  double connect_attempts = 0, connects = 0, reconnects = 0, closed = 0, gave_up = 0;
  double connect_attempts_per_s = NAN, connects_per_s = NAN, connect_failure_rate = NAN;
  double connected = NAN, connected_peak = NAN;
  std::map<std::string, double> connect_failures, disconnects;  // by kind
  // sse: events received, and the jumps in their numeric ids (each not the previous id + 1) with
  // the ids those jumps skipped: events lost in the stream. NaN: not recorded (an older result).
  double events_received = 0, event_id_gaps = NAN, event_ids_skipped = NAN;
  LatencySummary connect_latency;
  std::optional<LatencySummary> round_trip, delivery;  // unset: none measured
  ConnectionSeries series;
  std::vector<ReconnectView> reconnects_by_fault;
  double outages_not_kept = 0;  // client outages beyond faultline's bound: counted, not in the reconnect times

  double connect_failure_count() const;
  double disconnect_count() const;
  bool is_tcp() const { return kind == "tcp"; }
  bool is_sse() const { return kind == "sse"; }
  // When it stops, from the run's start; unset: at the end.
  std::optional<double> end_s() const { return length_s ? std::optional(start_s + *length_s) : std::nullopt; }
};

struct FaultView {
  std::string kind;   // "latency", "kill", ...
  std::string proxy;  // the proxy it applied to, for network faults
  std::string spec;   // the toxic as text: "latency:latency=200ms"
  double planned_at_s = NAN;
  std::optional<double> planned_for_s;  // unset: until the end of the run
  std::optional<double> actual_start_s, actual_end_s;
  // Where to shade: the actual window when recorded, else the planned one, with `run_end_s`
  // closing a window that lasts until the end.
  double from_s(double run_end_s) const;
  double to_s(double run_end_s) const;
  std::string label() const;  // "latency 200ms", falling back to the kind
};

struct TargetEventView {
  double t_s = NAN;
  std::string kind;     // "exit", "stopped", "restart", "oom_kill", ...
  std::string outcome;  // "SIGKILL", "exit code 1"; empty for events that are not exits
  std::string detail;   // the outcome and any free text the supervisor added
  std::string label() const;        // kind and detail, for the events log
  std::string short_label() const;  // kind and outcome, for chart markers
};

// One of the target's sampled resources (threads, fds, RSS, CPU ...), one value per sample.
struct ResourceSeries {
  std::string name;  // as in result.json: "rss_bytes", "threads"
  std::vector<double> t_s, values;
};

struct ExpectationView {
  std::string text;
  std::optional<bool> passed;  // unset when the result did not say
  std::string observed;
};

// A sanitizer or runtime report found in the target's output (race, leak, panic).
struct FindingView {
  std::string kind, tool;
  double count = NAN;
  double t_s = NAN;
  std::string first;  // the first report verbatim (stack included)
};

struct RecoveryView {
  std::size_t fault = 0;  // index into faults
  std::optional<double> time_to_recover_s;  // unset: never recovered
};

// One side of a comparison row: the median of the samples and its confidence interval (unset
// bounds: too few samples to bound it); for exact metrics the count, n being the runs.
struct SampleSummaryView {
  double n = NAN;
  std::optional<double> median, low, high;
};

// One row of the baseline comparison, with result.json's words kept as they are: a verdict or
// unit from a newer faultline is shown, not guessed at.
struct MetricComparisonView {
  std::string metric;   // "load.api.p99"
  std::string scope;    // "during steady"; empty for the whole run
  std::string unit;     // "ms", "s", "req/s", "%" (a fraction), "count", "bytes"
  std::string kind;     // "noisy" or "exact"
  std::string samples;  // "intervals", "runs" or "counts": what n counts
  std::string verdict;  // "same", "regressed", "improved", "insufficient"
  SampleSummaryView baseline, current;
  std::optional<double> delta;  // relative change of the medians, a fraction; unset when not finite
  std::optional<double> p;      // Mann-Whitney p-value; unset for exact metrics
  std::string text;             // the benchstat-like line the run's reasons quote
  std::string note;             // insufficient: what is missing, in plain words
  bool exact() const { return kind == "exact"; }
  std::string label() const;  // "load.api.p99 during steady"
};

struct ComparisonView {
  std::string baseline_path, baseline_scenario;
  double baseline_runs = NAN, current_runs = NAN;
  double alpha = NAN;
  bool too_few_samples_pass = false;  // "insufficient" rows do not fail the run
  std::optional<bool> passed;         // unset when the result did not say
  std::vector<MetricComparisonView> metrics;
};

struct RunView {
  std::string name, description;
  std::string verdict;  // "pass", "fail", "interrupted", or whatever a newer result says
  std::vector<std::string> reasons;
  std::string started_at, faultline_version;
  std::optional<double> cores;
  std::string interrupted_by;  // the signal that ended the run early
  double duration_s = 0;
  double interval_s = 1;
  double warmup_s = 0;

  std::string target_mode, target_address, target_command;
  std::optional<double> target_ready_after_s;
  std::optional<double> memory_limit_bytes;
  std::string stdout_log, stderr_log;

  std::vector<GeneratorView> generators;       // HTTP
  std::vector<ConnectionView> connections;     // connection-level: tcp, websocket, sse
  std::vector<FaultView> faults;
  std::vector<TargetEventView> events;
  std::vector<ResourceSeries> resources;
  std::vector<ExpectationView> expectations;
  std::vector<FindingView> findings;
  std::map<std::string, double> leaks;  // excess over steady state, by resource
  std::vector<RecoveryView> recovery;
  std::optional<ComparisonView> comparison;  // unset when the run had no baseline

  // The end of the time axis: the run's duration, or the last sample, event or fault end when
  // that is later.
  double time_axis_end_s() const;
};

// `run`'s HTTP or connection-level generator named `name` (a baseline's counterpart of the
// current run's); nullptr without a run or without one of that name.
const GeneratorView* find_generator(const RunView* run, std::string_view name);
const ConnectionView* find_connection(const RunView* run, std::string_view name);

RunView read_run(const nlohmann::json& result);

// A duration as written in scenario files ("1m30s", "250ms") in seconds; nullopt if unreadable.
std::optional<double> duration_seconds(const nlohmann::json& text);

}  // namespace faultline::reports::html
