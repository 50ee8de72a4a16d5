// A connection-level load generator as the scenario describes it (kinds tcp, websocket, sse):
// splits its connections or clients across StormWorkers, runs them, merges their figures per
// series interval and gathers every client's outages for the reconnect analysis.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/load/reconnect_times.h"
#include "harness/load/run_timeline.h"
#include "harness/load/storm_worker.h"
#include "harness/load/worker_group.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class StormGenerator : public WorkerGroup<StormWorker, StormInterval> {
 public:
  // `host_header` is sent as Host (websocket, sse); `endpoint` is where connections go. `seed`
  // is the generator's (from the scenario's): reconnect jitter repeats from it. Throws std::invalid_argument when the
  // spec's source_addresses cannot apply to `endpoint` (not IPv4 loopback), std::runtime_error
  // when one of them cannot be bound here.
  StormGenerator(const scenario::ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                 const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed);

  const scenario::ConnectionLoad& spec() const { return spec_; }

  // After join(): every worker's client outages.
  std::vector<ClientOutage> outages() const;
  std::uint64_t outages_not_kept() const;

 private:
  scenario::ConnectionLoad spec_;
};

}  // namespace faultline::load
