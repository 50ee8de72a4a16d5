// A small result.json in the public format, with every section the HTML report can draw (faults,
// target events and series, expectations, findings, analysis; a baseline comparison to put in
// it), for the report's tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/load/histogram.h"

namespace faultline::reports::html::testing {

inline std::string sample_histogram(std::uint64_t fast_us, std::uint64_t slow_us) {
  load::Histogram histogram;
  for (int i = 0; i < 990; ++i) histogram.record(fast_us + static_cast<std::uint64_t>(i % 50));
  for (int i = 0; i < 10; ++i) histogram.record(slow_us);
  return histogram.encode();
}

inline nlohmann::json sample_result() {
  nlohmann::json result = nlohmann::json::parse(R"json({
    "format": "faultline-result", "version": 1,
    "scenario": {
      "name": "kv-latency", "description": "kvstore with 200ms of added latency for 2s",
      "duration": "6s", "phases": { "warmup": "1s" },
      "target": { "command": ["/opt/kvstore", "--port", "4242"], "ready": { "http": "/health" },
                  "limits": { "memory": "256MiB" } },
      "load": [ { "name": "api", "kind": "http", "model": "open", "connections": 16, "start": "0s",
                  "stages": [ { "for": "6s", "rate": 200, "ramp": "1s" } ] } ]
    },
    "run": { "started_at": "2025-01-02T03:04:05Z", "duration_s": 6.0, "faultline_version": "0.1.0",
             "host": { "cores": 2 }, "shard": { "index": 0, "count": 1 }, "interrupted": null },
    "intervals_s": 1.0,
    "load": { "api": {
      "model": "open", "threads": 1, "connections": 16,
      "summary": { "sent": 1000, "requests": 990, "ok": 980, "errors": { "timeout": 10, "reset": 10 },
                   "error_rate": 0.02, "throughput_rps": 198.0,
                   "latency_ms": { "p50": 0.4, "p90": 0.6, "p99": 210.0, "p999": 230.0, "max": 240.0 } },
      "histogram": "",
      "series": [
        { "t": 0, "sent": 200, "ok": 200, "errors": {}, "throughput_rps": 200, "p50_ms": 0.4, "p90_ms": 0.5, "p99_ms": 0.9, "max_ms": 1.2 },
        { "t": 1, "sent": 200, "ok": 200, "errors": {}, "throughput_rps": 200, "p50_ms": 0.4, "p90_ms": 0.5, "p99_ms": 0.8, "max_ms": 1.1 },
        { "t": 2, "sent": 200, "ok": 185, "errors": { "timeout": 10, "reset": 5 }, "throughput_rps": 185, "p50_ms": 201, "p90_ms": 205, "p99_ms": 220, "max_ms": 240 },
        { "t": 3, "sent": 200, "ok": 195, "errors": { "reset": 5 }, "throughput_rps": 195, "p50_ms": 202, "p90_ms": 206, "p99_ms": 221, "max_ms": 235 },
        { "t": 4, "sent": 200, "ok": 200, "errors": {}, "throughput_rps": 200, "p50_ms": 0.5, "p90_ms": 0.7, "p99_ms": 1.5, "max_ms": 3.0 },
        { "t": 5, "sent": 200, "ok": 200, "errors": {}, "throughput_rps": 200, "p50_ms": 0.4, "p90_ms": 0.5, "p99_ms": 0.9, "max_ms": 1.0 }
      ] } },
    "faults": [ { "kind": "latency", "proxy": "proxy", "spec": "latency:latency=200ms",
                  "planned": { "at": 2.0, "for": 2.0 }, "actual": { "start": 2.001, "end": 4.002 } } ],
    "target": { "mode": "spawned", "address": "127.0.0.1:4242", "pid": 77, "ready_after_s": 0.12,
                "stdout": "target.stdout.log", "stderr": "target.stderr.log",
                "events": [ { "t": 4.5, "kind": "exit", "signal": "SIGKILL" } ],
                "series": [ { "t": 0, "threads": 4, "fds": 20, "rss_bytes": 10485760, "cpu": 0.2 },
                            { "t": 3, "threads": 9, "fds": 40, "rss_bytes": 20971520, "cpu": 0.9 },
                            { "t": 5, "threads": 9, "fds": 22, "rss_bytes": 12582912, "cpu": 0.3 } ],
                "reports": [ { "kind": "data_race", "tool": "tsan", "count": 3, "t": 2.5,
                               "first": "WARNING: ThreadSanitizer: data race\n  #0 put kv.cc:42" } ] },
    "analysis": { "recovery": [ { "fault": 0, "time_to_recover_s": 0.5 } ],
                  "leaks": { "threads": 5, "fds": 0 } },
    "expectations": [ { "text": "load.api.p99 < 250ms during steady", "passed": true, "observed": "0.9ms" },
                      { "text": "target.threads_leaked == 0", "passed": false, "observed": "5" } ],
    "comparison": null,
    "verdict": "fail",
    "reasons": [ "expectation failed: target.threads_leaked == 0 (observed 5)" ]
  })json");
  result["load"]["api"]["histogram"] = sample_histogram(400, 220000);
  return result;
}

// A "comparison" member with a row of every verdict: noisy rows from per-interval samples and from
// runs, an exact count; one run on each side, so time-to-recover cannot be judged.
inline nlohmann::json sample_comparison() {
  return nlohmann::json::parse(R"json({
    "baseline_path": "scenarios/baselines/kv-latency.json", "baseline_scenario": "kv-latency",
    "baseline_runs": 1, "current_runs": 1, "alpha": 0.05, "too_few_samples_pass": false,
    "regressions": 2, "improvements": 1, "insufficient": 1, "passed": false,
    "metrics": [
      { "metric": "load.api.p99", "scope": "during steady", "unit": "ms", "kind": "noisy", "samples": "intervals",
        "verdict": "regressed", "baseline": { "n": 20, "median": 1.21, "low": 1.15, "high": 1.30 },
        "current": { "n": 20, "median": 6.4, "low": 6.31, "high": 6.52 }, "delta": 4.29, "p": 0.0000001,
        "tolerance": 0.10, "floor": 1.0, "note": "",
        "text": "load.api.p99 during steady  1.21ms ± 7%  →  6.4ms ± 2%  +429%  (p<0.001 n=20+20)" },
      { "metric": "load.api.p50", "scope": "during steady", "unit": "ms", "kind": "noisy", "samples": "intervals",
        "verdict": "improved", "baseline": { "n": 20, "median": 0.5, "low": 0.48, "high": 0.52 },
        "current": { "n": 20, "median": 0.44, "low": 0.43, "high": 0.45 }, "delta": -0.12, "p": 0.002,
        "tolerance": 0.10, "floor": 1.0, "note": "", "text": "load.api.p50 during steady  0.5ms ± 4%  →  0.44ms ± 2%  -12%  (p=0.002 n=20+20)" },
      { "metric": "load.api.throughput", "scope": "during steady", "unit": "req/s", "kind": "noisy", "samples": "intervals",
        "verdict": "same", "baseline": { "n": 20, "median": 198, "low": 195, "high": 201 },
        "current": { "n": 20, "median": 199, "low": 196, "high": 202 }, "delta": 0.005, "p": 0.41,
        "tolerance": 0.10, "floor": null, "note": "", "text": "load.api.throughput during steady  198/s ± 2%  →  199/s ± 2%  ~  (p=0.41 n=20+20)" },
      { "metric": "recovery.time_to_recover", "scope": "during fault 1", "unit": "s", "kind": "noisy", "samples": "runs",
        "verdict": "insufficient", "baseline": { "n": 1, "median": 0.5, "low": null, "high": null },
        "current": { "n": 1, "median": 0.7, "low": null, "high": null }, "delta": 0.4, "p": null,
        "tolerance": 0.10, "floor": 1.0, "text": "recovery.time_to_recover during fault 1  ?  (too few samples)",
        "note": "too few samples: with n=1+1 no difference can be significant; needs 4+4 runs (--repeat 4)" },
      { "metric": "target.threads_leaked", "scope": "", "unit": "count", "kind": "exact", "samples": "counts",
        "verdict": "regressed", "baseline": { "n": 1, "median": 0, "low": null, "high": null },
        "current": { "n": 1, "median": 37, "low": null, "high": null }, "delta": null, "p": null,
        "tolerance": 0, "floor": null, "text": "target.threads_leaked  0  →  37  +37  (exact)", "note": "" }
    ]
  })json");
}

// The shape `faultline run` writes today: no faults, no target series, analysis or comparison.
inline nlohmann::json minimal_result() {
  nlohmann::json result = sample_result();
  result["faults"] = nlohmann::json::array();
  result["target"].erase("series");
  result["target"].erase("reports");
  result["target"]["events"] = nlohmann::json::array();
  result.erase("analysis");
  result["expectations"] = nlohmann::json::array();
  result["verdict"] = "pass";
  result["reasons"] = nlohmann::json::array();
  return result;
}

}  // namespace faultline::reports::html::testing
