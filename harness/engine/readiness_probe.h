// Decides when a spawned target is ready for load: probes it (TCP connect, or HTTP GET expecting
// 2xx) every ready.interval until it answers, ready.timeout passes, or the target exits.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "harness/scenario/scenario.h"

namespace faultline::engine {

// The verdict of one probe.
struct ProbeOutcome {
  bool ok = false;
  std::string error;  // why it failed: "Connection refused", "HTTP 503", "timed out after 1000ms"
};

// One probe attempt that must finish within the given budget.
using Probe = std::function<ProbeOutcome(std::chrono::nanoseconds budget)>;

// Where the wait loop gets time from; tests pass a fake that advances when slept on.
struct ReadinessClock {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::nanoseconds)> sleep_for;
};

ReadinessClock steady_readiness_clock();

struct ReadyResult {
  enum class Outcome { ready, timed_out, target_exited };
  Outcome outcome = Outcome::timed_out;
  unsigned attempts = 0;              // probes made
  std::chrono::nanoseconds waited{};  // from the start of the wait to the verdict
  std::string last_error;             // the last failed probe's error; empty if none failed

  // "ready after 3 attempts in 250ms", "not ready after 10000ms (100 attempts; last error:
  // Connection refused)", "exited before it was ready (4 attempts in 400ms; last error: ...)".
  std::string describe() const;
};

// A single attempt per kind; each gives up after `budget`. The endpoint's host must be a literal
// IP address (std::invalid_argument otherwise): names are resolved once, before probing.
ProbeOutcome probe_tcp(const scenario::Endpoint& endpoint, std::chrono::nanoseconds budget);
// Sends "GET path HTTP/1.1" with Host and "Connection: close"; ok on a 2xx status line.
ProbeOutcome probe_http(const scenario::Endpoint& endpoint, const std::string& path,
                        std::chrono::nanoseconds budget);

// The wait loop. Probes at most every check.interval (measured from the start of the previous
// probe), each bounded by min(1s, time left), until one succeeds, check.timeout has passed since
// the start, or still_alive() returns false, checked before every probe.
ReadyResult poll_until_ready(const scenario::ReadyCheck& check, const Probe& probe,
                             const std::function<bool()>& still_alive, const ReadinessClock& clock);

// The network probe that check.kind names, against `endpoint` (a literal address).
Probe make_probe(const scenario::Endpoint& endpoint, const scenario::ReadyCheck& check);

// poll_until_ready with make_probe(endpoint, check).
ReadyResult wait_until_ready(const scenario::Endpoint& endpoint, const scenario::ReadyCheck& check,
                             const std::function<bool()>& still_alive,
                             const ReadinessClock& clock = steady_readiness_clock());

}  // namespace faultline::engine
