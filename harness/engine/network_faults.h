// The network side of a run: one fault proxy per scenario proxy, the toxics of the scenario's
// faults added and removed on the timeline, and what each proxy forwarded per interval.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/engine/fault_timeline.h"
#include "harness/fault/proxy.h"
#include "harness/result/run_result.h"
#include "harness/scenario/scenario.h"

namespace faultline::engine {

class NetworkFaults {
 public:
  using Duration = scenario::Duration;

  // Starts the proxies, each forwarding to its upstream or else to `target`. Throws
  // UsageError for a non-loopback upstream without `allow_remote`, EnvironmentError when a
  // proxy cannot listen.
  NetworkFaults(const scenario::Scenario& scenario, const scenario::Endpoint& target, bool allow_remote);

  // Where a generator with "via": `proxy` connects.
  boost::asio::ip::tcp::endpoint endpoint_of(const std::string& proxy) const;

  // Adds and removes the toxics due at `now` (an offset from the run's start).
  void apply_due(Duration now);
  std::optional<Duration> next_due() const { return timeline_.next_due(); }

  // Records what every proxy forwarded in each series interval completed by `now`.
  void sample_due(Duration now);

  // Records the last, partial interval, removes the faults still in force and stops the
  // proxies (idempotent).
  void finish(Duration now);

  const std::vector<result::FaultRecord>& fault_records() const { return records_; }
  std::vector<result::ProxyResult> proxy_results() const;

 private:
  struct RunningProxy {
    result::ProxyResult result;
    std::unique_ptr<fault::Proxy> proxy;
    fault::ProxyCounters last_sample;
  };
  const RunningProxy& proxy_named(const std::string& name) const;
  void sample(double t_s);
  void start_fault(std::size_t index, Duration now);
  void end_fault(std::size_t index, Duration now);

  Duration interval_;
  std::int64_t samples_ = 0;  // intervals recorded (signed: `now` is negative before t = 0)
  std::vector<scenario::Fault> faults_;
  FaultTimeline timeline_;
  std::vector<RunningProxy> proxies_;
  std::vector<std::optional<fault::ToxicId>> applied_;  // by fault
  std::vector<result::FaultRecord> records_;            // by fault
  bool finished_ = false;
};

}  // namespace faultline::engine
