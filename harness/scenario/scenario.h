// The validated, typed form of a scenario file. Produced once by parse_scenario_file() (see
// scenario_parser.h); nothing downstream of the parser touches JSON. Every duration is a std::chrono type, every size in bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

  // Attach mode: a service that is already running.
  std::optional<Endpoint> address;
  std::optional<int> pid;  // its process, when known (observers use it)

  bool spawned() const { return !command.empty(); }

  friend bool operator==(const Target&, const Target&) = default;
};

// One request of an HTTP load generator's mix. path, body and header values may hold
// {seq} (a per-generator sequence number) and {rand:N} (uniform integer in [0, N)).
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
  unsigned connections = 16;                       // concurrent keep-alive connections
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

  friend bool operator==(const HttpLoad&, const HttpLoad&) = default;
};

// A fault proxy (Toxiproxy's "proxy") that load generators connect through with "via", so
// that network faults can act on their traffic.
struct Proxy {
  std::string name;
  std::optional<Endpoint> upstream;  // where it forwards; unset: the target's address

  friend bool operator==(const Proxy&, const Proxy&) = default;
};

// A fault on the run's timeline: for now a toxic on a proxy (network faults); process and
// resource faults join with issue #4.
struct Fault {
  Duration at{};                   // from the run's start
  std::optional<Duration> length;  // "for"; unset: until the end of the run
  std::string proxy;               // the proxy it acts on
  ToxicSpec toxic;

  friend bool operator==(const Fault&, const Fault&) = default;
};

struct Phases {
  Duration warmup{};  // from the run's start; not counted in the summary

  friend bool operator==(const Phases&, const Phases&) = default;
};

struct Observe {
  Duration interval = std::chrono::seconds(1);  // granularity of every per-interval series

  friend bool operator==(const Observe&, const Observe&) = default;
};

struct Scenario {
  std::string source_path;  // file it was read from, for messages
  std::string name;
  std::string description;
  Target target;
  Duration duration{};
  Phases phases;
  Observe observe;
  std::vector<HttpLoad> load;
  std::vector<Proxy> proxies;  // declared, or the implicit "proxy" in front of the target
  std::vector<Fault> faults;
  std::uint64_t seed = 1;      // for the draws of toxics (toxicity, jitter, slice sizes)
  bool allow_remote = false;   // permit load to non-loopback addresses

  // Field by field; tests use it to check that a scenario survives to_json() and back.
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace faultline::scenario
