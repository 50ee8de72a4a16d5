// The network side of a run: one fault proxy per scenario proxy, the toxics of the scenario's
// network faults added and removed when the fault runner says, and what each proxy forwarded
// per interval.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
  // Where `proxy` forwards to.
  boost::asio::ip::tcp::endpoint upstream_of(const std::string& proxy) const;

  // Adds fault number `fault`'s toxic to its proxy; returns once every live connection has it.
  void start(std::size_t fault, const scenario::NetworkFault& spec);
  // Removes it again; returns why that failed, or "" (also when it was never added).
  std::string end(std::size_t fault);

  // Records what every proxy forwarded in each series interval completed by `now`.
  void sample_due(Duration now);

  // Records the last, partial interval and stops the proxies (idempotent).
  void finish(Duration now);

  std::vector<result::ProxyResult> proxy_results() const;

 private:
  struct RunningProxy {
    result::ProxyResult result;
    std::unique_ptr<fault::Proxy> proxy;
    fault::ProxyCounters last_sample;
  };
  const RunningProxy& proxy_named(const std::string& name) const;
  void sample(double t_s);

  struct Applied {
    std::string proxy;
    fault::ToxicId toxic;
  };

  Duration interval_;
  std::int64_t samples_ = 0;  // intervals recorded (signed: `now` is negative before t = 0)
  std::vector<RunningProxy> proxies_;
  std::vector<std::optional<Applied>> applied_;  // by fault number
  bool finished_ = false;
};

}  // namespace faultline::engine
