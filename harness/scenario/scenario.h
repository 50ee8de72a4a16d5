// The validated, typed form of a scenario file. Produced once by parse_scenario_file() (see
// scenario_parser.h); nothing downstream of the parser touches JSON. Every duration is a std::chrono type, every size in bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "harness/scenario/expectation_parser.h"
#include "harness/scenario/reconnect.h"
#include "harness/scenario/toxic.h"

namespace faultline::scenario {

using Duration = std::chrono::nanoseconds;

// host:port of a TCP endpoint. host is a literal address or a name.
struct Endpoint {
  std::string host;
  std::uint16_t port = 0;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// How faultline decides that a spawned target is ready for load.
struct ReadyCheck {
  enum class Kind { tcp, http };
  Kind kind = Kind::tcp;
  std::string http_path;                                  // for Kind::http: GET this path, expect 2xx
  Duration timeout = std::chrono::seconds(10);            // give up (exit 3) after this long
  Duration interval = std::chrono::milliseconds(100);     // time between probes

  friend bool operator==(const ReadyCheck&, const ReadyCheck&) = default;
};

// Resource limits on the target's process tree: a cgroup (v2, else v1) when one is writable,
// else setrlimit on the process (memory as RLIMIT_AS; CPU cannot be limited that way).
// Bounds that catch typos in limits: no machine faultline runs on has more cores than this, and
// RLIMIT_NOFILE cannot exceed the kernel's nr_open ceiling (2^30 at most).
constexpr double kMaxCores = 1024;
constexpr std::int64_t kMaxOpenFiles = std::int64_t{1} << 30;

struct Limits {
  std::optional<std::uint64_t> memory_bytes;
  std::optional<double> cpu_cores;            // 0.5: half of one core's time
  std::optional<std::uint64_t> open_files;    // RLIMIT_NOFILE

  bool any() const { return memory_bytes || cpu_cores || open_files; }
  friend bool operator==(const Limits&, const Limits&) = default;
};

// What the supervisor does when a spawned target exits during the run.
struct RestartPolicy {
  enum class When { never, on_failure, always };
  When when = When::never;
  Duration delay = std::chrono::milliseconds(500);  // from the exit to the new spawn
  unsigned max_restarts = 5;                        // then the target stays down

  friend bool operator==(const RestartPolicy&, const RestartPolicy&) = default;
};

// The service under test: either spawned by faultline (command non-empty) or attached to
// (address set). Exactly one of the two.
struct Target {
  // Spawn mode. Strings may hold ${port} (the free loopback port faultline picked),
  // ${FAULTLINE_TARGETS} and ${NAME} for any environment variable; substituted at run time.
  std::vector<std::string> command;
  std::map<std::string, std::string> env;   // added to faultline's own environment
  std::string cwd;                          // empty: faultline's working directory
  ReadyCheck ready;
  Duration stop_grace = std::chrono::seconds(5);  // SIGTERM, then SIGKILL after this long
  Limits limits;                            // from the start of the run
  RestartPolicy restart;

  // Attach mode: a service that is already running.
  std::optional<Endpoint> address;
  std::optional<int> pid;  // its process, when known (observers use it)

  bool spawned() const { return !command.empty(); }

  friend bool operator==(const Target&, const Target&) = default;
};

// One request of an HTTP load generator's mix. path, body and header values may hold
// {seq} (a per-generator sequence number), {rand:N} (uniform integer in [0, N)) and {pad:N}
// (N bytes of 'x', 1 to 16 MiB).
struct RequestTemplate {
  std::string method = "GET";
  std::string path = "/";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  unsigned weight = 1;  // relative frequency within the mix

  friend bool operator==(const RequestTemplate&, const RequestTemplate&) = default;
};

// One stage of an open-model arrival-rate profile. The rate moves linearly from the previous
// stage's rate (0 before the first stage) to `rate` over the first `ramp` of the stage, then
// holds for the rest of it.
struct Stage {
  Duration length{};          // "for"
  double rate_per_s = 0;      // target arrivals per second at the end of the ramp
  Duration ramp{};            // 0: jump to `rate` at the stage's start

  friend bool operator==(const Stage&, const Stage&) = default;
};

enum class LoadModel {
  closed,  // each connection sends its next request as soon as the previous response arrives
  open,    // requests arrive on a schedule, independent of responses (latency from intended time)
};

struct HttpLoad {
  std::string name;
  LoadModel model = LoadModel::closed;
  unsigned connections = 16;                       // concurrent connections (slots when !keepalive)
  // false: every request on a new connection, sent with "Connection: close" and closed after
  // the response; latency then includes the connect.
  bool keepalive = true;
  unsigned threads = 0;                            // worker threads; 0: min(cores, connections)
  Duration timeout = std::chrono::seconds(2);      // per request, from send to full response
  Duration connect_timeout = std::chrono::seconds(2);
  Duration start{};                                // offset on the run timeline
  std::optional<Duration> length;                  // "for"; unset: until the end of the run
  std::vector<Stage> stages;                       // open model only; covers `length`
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every request
  std::vector<RequestTemplate> requests;           // the weighted mix, at least one
  std::optional<Endpoint> address;                 // unset: the target's address
  std::string via;                                 // a proxy's name: connect through it instead
  std::size_t position = 0;                        // index in the scenario's "load" array, for messages

  friend bool operator==(const HttpLoad&, const HttpLoad&) = default;
};

// A connection-level load generator: kind "tcp" (connection churn or a burst of held
// connections), "websocket" (clients that stay connected, message, and reconnect by policy) or
// "sse" (Server-Sent Events subscribers that reconnect by policy).
struct ConnectionLoad {
  enum class Kind { tcp, websocket, sse };
  std::string name;
  Kind kind = Kind::tcp;
  std::size_t position = 0;     // index in the scenario's "load" array, for messages
  unsigned connections = 1;     // tcp: connection slots; websocket, sse: clients
  unsigned threads = 0;         // worker threads; 0: min(cores, connections)
  // tcp: new connections per second, a connection due while every slot is busy is skipped (0: a
  // slot reconnects as soon as its connection closed). websocket, sse: clients started per
  // second (0: all at once).
  double rate_per_s = 0;
  Duration connect_timeout = std::chrono::seconds(5);
  Duration start{};                      // offset on the run timeline
  std::optional<Duration> length;        // "for"; unset: until the end of the run
  std::optional<Endpoint> address;       // unset: the target's address
  std::string via;                       // a proxy's name: connect through it instead
  unsigned source_addresses = 0;         // >0: bind connections to 127.0.0.1 .. 127.0.0.N in turn

  // tcp
  Duration hold{};                       // a connection stays open this long; 0: closed at once
  std::string send;                      // written once connected; empty: nothing
  std::uint64_t expect_bytes = 0;        // read back before the hold; 0: nothing awaited
  Duration expect_timeout = std::chrono::seconds(5);
  bool reset_on_close = false;           // close with RST instead of FIN

  // websocket and sse
  std::string path = "/";                // of the upgrade or event-stream request
  Reconnect reconnect;
  // websocket: the upgrade (and the close handshake); sse: from the request to its response header
  Duration handshake_timeout = std::chrono::seconds(5);
  // websocket
  std::string message;                   // sent at message_rate per client; {seq}, {t}; empty: none
  double message_rate_per_s = 0;         // per connected client
  bool await_replies = true;             // the target echoes each message: time its round trip
  std::string subscribe;                 // non-empty: "sub KEY" after every connect
  // A push's last field is its publish time in Unix ns (values written by "set KEY {t}"
  // messages): measure delivery latency from it.
  bool push_timestamps = false;
  Duration heartbeat{};                  // ping interval; 0: none
  Duration pong_timeout = std::chrono::seconds(5);
  // sse
  Duration idle_timeout = std::chrono::seconds(30);  // a stream silent this long is lost

  friend bool operator==(const ConnectionLoad&, const ConnectionLoad&) = default;
};

// Every connection-level kind, and its name in scenario and result files ("tcp", "websocket", "sse").
inline constexpr ConnectionLoad::Kind kConnectionKinds[] = {ConnectionLoad::Kind::tcp, ConnectionLoad::Kind::websocket,
                                                            ConnectionLoad::Kind::sse};
constexpr std::string_view to_string(ConnectionLoad::Kind kind) {
  switch (kind) {
    case ConnectionLoad::Kind::tcp: return "tcp";
    case ConnectionLoad::Kind::websocket: return "websocket";
    case ConnectionLoad::Kind::sse: return "sse";
  }
  return "tcp";
}

// A fault proxy (Toxiproxy's "proxy") that load generators connect through with "via", so
// that network faults can act on their traffic.
struct Proxy {
  std::string name;
  std::optional<Endpoint> upstream;  // where it forwards; unset: the target's address

  friend bool operator==(const Proxy&, const Proxy&) = default;
};

// A toxic on a fault proxy: acts on the traffic of the load that goes "via" it.
struct NetworkFault {
  std::string proxy;
  ToxicSpec toxic;

  friend bool operator==(const NetworkFault&, const NetworkFault&) = default;
};

// A signal to the target's process group: "signal" sends it once; "kill" too, but says that the
// target is meant to die (the restart policy then applies); "pause" sends SIGSTOP at the start
// and SIGCONT at the end of the window.
struct ProcessFault {
  enum class Action { signal, kill, pause };
  Action action = Action::signal;
  int signal = 0;  // for signal and kill

  friend bool operator==(const ProcessFault&, const ProcessFault&) = default;
};

// Tightens one of the target's limits for the window ("memory_limit", "cpu_limit",
// "open_files"); the limit in force before it comes back at the end.
struct LimitFault {
  Limits limits;  // exactly one member set

  friend bool operator==(const LimitFault&, const LimitFault&) = default;
};

// A neighbour process that puts pressure on the machine from outside the target.
struct HogFault {
  enum class Resource { memory, cpu };
  Resource resource = Resource::memory;
  std::uint64_t memory_bytes = 0;  // memory: allocated and touched
  double cpu_cores = 0;            // cpu: cores kept busy (fractions by duty cycle)

  friend bool operator==(const HogFault&, const HogFault&) = default;
};

using FaultAction = std::variant<NetworkFault, ProcessFault, LimitFault, HogFault>;

// A fault on the run's timeline. Its index in Scenario::faults is its number everywhere
// ("fault 2" in messages, results and expectations).
struct Fault {
  Duration at{};                   // from the run's start
  std::optional<Duration> length;  // "for"; unset: until the end of the run
  FaultAction action;

  const NetworkFault* network() const { return std::get_if<NetworkFault>(&action); }
  friend bool operator==(const Fault&, const Fault&) = default;
};

struct Phases {
  Duration warmup{};  // from the run's start; not counted in the summary
  // Steady state is measured over this window just before the first fault (or right after
  // warm-up when there is none).
  Duration baseline_window = std::chrono::seconds(10);
  // After the load stops the target is observed this long more before it is stopped, so that
  // what it leaked can be told from what it was still busy with.
  Duration settle = std::chrono::seconds(2);
  // Recovered means error rate and p99 stay within tolerance for this long (DESIGN.md).
  Duration recovery_window = std::chrono::seconds(3);

  friend bool operator==(const Phases&, const Phases&) = default;
};

struct Observe {
  Duration interval = std::chrono::seconds(1);  // granularity of every per-interval series
  // Prometheus scrape of the target (path on its address); empty: not scraped.
  std::string prometheus_path;
  // Series recorded from the scrape besides go_goroutines, go_memstats_heap_alloc_bytes and
  // process_open_fds, which are always recorded when present.
  std::vector<std::string> metrics;
  bool scan_logs = true;  // look for sanitizer, race-detector and Go runtime reports

  friend bool operator==(const Observe&, const Observe&) = default;
};

// How much a noisy metric (latency, throughput, error rate, time-to-recover) may move from the
// baseline before a significant change counts as a regression (DESIGN.md, "Baseline
// comparison"). The parser sets one of the two.
struct Tolerance {
  std::optional<double> relative;  // a fraction of the baseline median: "25%" is 0.25
  // In the metric's unit: ms for latencies, s for recovery.time_to_recover, req/s for throughput
  // (error_rate takes relative tolerances only).
  std::optional<double> absolute;

  friend bool operator==(const Tolerance&, const Tolerance&) = default;
};

// The scenario's "baseline" section: how `faultline run --baseline` judges this run against a
// saved one. Exact metrics (leaks, races, OOM kills, crashes, counts) take no tolerance.
struct BaselineOptions {
  // By metric name as the catalogue spells it with its generator ("load.api.p99",
  // "recovery.time_to_recover"); noisy metrics only.
  std::map<std::string, Tolerance> tolerances;
  Tolerance default_tolerance{0.10, std::nullopt};  // for noisy metrics not in `tolerances`
  double alpha = 0.05;                // significance level of the Mann-Whitney U test, in (0, 0.5]
  bool too_few_samples_pass = false;  // a metric with too few samples to judge passes (else fails)

  friend bool operator==(const BaselineOptions&, const BaselineOptions&) = default;
};

struct Scenario {
  std::string source_path;  // file it was read from, for messages
  std::string name;
  std::string description;
  Target target;
  Duration duration{};
  Phases phases;
  Observe observe;
  // The "load" array, split by kind ("position" keeps each generator's place in it).
  std::vector<HttpLoad> load;
  std::vector<ConnectionLoad> connection_load;
  std::vector<Proxy> proxies;  // declared, or the implicit "proxy" in front of the target
  std::vector<Fault> faults;
  // Checked after the run; each names a metric of the catalogue (metric_catalogue.h) that
  // this scenario can produce. A failed one fails the run.
  std::vector<Expectation> expect;
  // Checked once per observe.interval while the run goes on; the first that holds for its whole
  // `for` stops the run, which then fails. Each names a per-interval metric of the catalogue.
  std::vector<AbortCondition> abort;
  BaselineOptions baseline;
  std::uint64_t seed = 1;      // for the draws of toxics (toxicity, jitter, slice sizes)
  bool allow_remote = false;   // permit load to non-loopback addresses

  // Field by field; tests use it to check that a scenario survives to_json() and back.
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace faultline::scenario
