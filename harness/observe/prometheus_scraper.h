// Fetches a Prometheus /metrics page over HTTP/1.1 with a deadline and parses it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "harness/observe/prometheus_text.h"
#include "harness/scenario/scenario.h"

namespace faultline::observe {

struct ScrapeResult {
  std::string error;    // empty on success: "timed out after 1000ms", "HTTP 404", "connect: Connection refused"
  PrometheusText text;  // the parsed body (its own problems list bad lines) when error is empty
  std::size_t body_bytes = 0;

  bool ok() const { return error.empty(); }
};

struct ScrapeOptions {
  std::chrono::milliseconds timeout{1000};  // for the whole exchange: connect, send, receive
  std::size_t max_body_bytes = 16 * 1024 * 1024;  // a larger page is an error, not a memory spike
};

// GET `path` from `endpoint` (its host must be a literal IP address; names are resolved before
// a run starts), asking for text format 0.0.4. Never throws for network or HTTP failures: a
// scrape that fails is a gap in the series, reported in `error`.
ScrapeResult scrape_prometheus(const scenario::Endpoint& endpoint, const std::string& path,
                               const ScrapeOptions& options = {});

}  // namespace faultline::observe
