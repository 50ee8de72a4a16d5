// A connection-level load generator as the scenario describes it (kinds tcp, websocket, sse):
// splits its connections or clients across StormWorkers, runs them, merges their figures per
// series interval and gathers every client's outages for the reconnect analysis.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/interval_collator.h"
#include "harness/load/reconnect_policy.h"
#include "harness/load/reconnect_times.h"
#include "harness/load/run_timeline.h"
#include "harness/load/storm_worker.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class StormGenerator {
 public:
  using Clock = std::chrono::steady_clock;

  // `host_header` is sent as Host (websocket, sse); `endpoint` is where connections go. `seed`
  // is the scenario's: reconnect jitter repeats from it. Throws std::invalid_argument when the
  // spec's source_addresses cannot apply to `endpoint` (not IPv4 loopback), std::runtime_error
  // when one of them cannot be bound here.
  StormGenerator(const scenario::ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                 const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed);

  const scenario::ConnectionLoad& spec() const { return spec_; }
  unsigned thread_count() const { return static_cast<unsigned>(workers_.size()); }

  void start();
  void request_stop();
  void join(Clock::time_point deadline);

  // Intervals every worker has reported, merged, in order; each returned once.
  std::vector<StormInterval> take_completed_intervals();
  // After join(): every interval not yet taken, complete or not.
  std::vector<StormInterval> take_remaining_intervals();
  // After join(): the whole measured span (after warm-up), all workers merged.
  StormStats measured() const;
  // After join(): every worker's client outages.
  std::vector<ClientOutage> outages() const;
  std::uint64_t outages_not_kept() const;

 private:
  void collect();

  scenario::ConnectionLoad spec_;
  std::vector<std::unique_ptr<StormWorker>> workers_;
  IntervalCollator<StormInterval> intervals_;
};

// Worker threads for a generator: the scenario's choice, else one per core, never more than
// there are connections.
unsigned worker_count(const scenario::ConnectionLoad& spec, unsigned cores);

// The scenario's reconnect settings in the load library's terms.
ReconnectPolicy reconnect_policy(const scenario::Reconnect& reconnect);

}  // namespace faultline::load
