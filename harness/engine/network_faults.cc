#include "harness/engine/network_faults.h"

#include <stdexcept>
#include <system_error>

#include "harness/engine/load_address.h"
#include "harness/engine/run_error.h"

namespace faultline::engine {

namespace {

double seconds(scenario::Duration d) { return std::chrono::duration<double>(d).count(); }

result::ProxyPoint point_of(const fault::ProxyCounters& c, double t_s) {
  result::ProxyPoint p;
  p.t_s = t_s;
  p.upstream_bytes = c.upstream_bytes;
  p.downstream_bytes = c.downstream_bytes;
  p.connections_accepted = c.connections_accepted;
  p.connections_active = c.connections_active;
  p.upstream_refused = c.upstream_refused;
  p.resets_injected = c.resets_injected;
  p.connections_cut = c.connections_cut;
  return p;
}

std::string address_text(const boost::asio::ip::tcp::endpoint& e) {
  return engine::to_string(scenario::Endpoint{e.address().to_string(), e.port()});
}

}  // namespace

NetworkFaults::NetworkFaults(const scenario::Scenario& s, const scenario::Endpoint& target, bool allow_remote)
    : interval_(s.observe.interval), applied_(s.faults.size()) {
  for (std::size_t i = 0; i < s.proxies.size(); ++i) {
    const scenario::Proxy& spec = s.proxies[i];
    const std::string field = spec.upstream ? "/proxies/" + std::to_string(i) + "/upstream" : "/target/address";
    const LoadAddress upstream = resolve_load_address(spec.upstream.value_or(target), allow_remote, field);
    fault::ProxyConfig config;
    config.upstream = upstream.endpoint;
    config.allow_remote = allow_remote;
    config.seed = s.seed + i;
    RunningProxy running;
    try {
      running.proxy = std::make_unique<fault::Proxy>(config);
    } catch (const std::system_error& e) {
      throw EnvironmentError("proxy \"" + spec.name + "\": cannot listen: " + e.what());
    } catch (const std::invalid_argument& e) {
      throw UsageError("proxy \"" + spec.name + "\": " + e.what());
    }
    running.result.name = spec.name;
    running.result.listen = address_text(running.proxy->endpoint());
    running.result.upstream = upstream.host_header;
    proxies_.push_back(std::move(running));
  }
}

const NetworkFaults::RunningProxy& NetworkFaults::proxy_named(const std::string& name) const {
  for (const RunningProxy& p : proxies_) {
    if (p.result.name == name) return p;
  }
  // The scenario parser resolves every proxy name; reaching here is a bug.
  throw std::logic_error("no proxy named \"" + name + "\"");
}

boost::asio::ip::tcp::endpoint NetworkFaults::endpoint_of(const std::string& proxy) const {
  return proxy_named(proxy).proxy->endpoint();
}

boost::asio::ip::tcp::endpoint NetworkFaults::upstream_of(const std::string& proxy) const {
  return proxy_named(proxy).proxy->upstream();
}

void NetworkFaults::start(std::size_t fault, const scenario::NetworkFault& spec) {
  applied_[fault] = Applied{spec.proxy, proxy_named(spec.proxy).proxy->add_toxic(spec.toxic)};
}

std::string NetworkFaults::end(std::size_t fault) {
  if (!applied_[fault]) return "";
  const Applied applied = *applied_[fault];
  applied_[fault].reset();
  const boost::system::error_code ec = proxy_named(applied.proxy).proxy->remove_toxic(applied.toxic);
  return ec ? "removing it failed: " + ec.message() : "";
}

void NetworkFaults::sample_due(Duration now) {
  while (interval_ * (samples_ + 1) <= now) sample(seconds(interval_ * samples_++));
}

void NetworkFaults::sample(double t_s) {
  for (RunningProxy& p : proxies_) {
    const fault::ProxyCounters now = p.proxy->counters();
    p.result.series.push_back(point_of(now.since(p.last_sample), t_s));
    p.last_sample = now;
  }
}

void NetworkFaults::finish(Duration now) {
  if (finished_) return;
  finished_ = true;
  sample_due(now);
  if (interval_ * samples_ < now) sample(seconds(interval_ * samples_));
  for (RunningProxy& p : proxies_) p.proxy->stop();
}

std::vector<result::ProxyResult> NetworkFaults::proxy_results() const {
  std::vector<result::ProxyResult> results;
  for (const RunningProxy& p : proxies_) {
    result::ProxyResult r = p.result;
    r.totals = point_of(p.proxy->counters(), 0);
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace faultline::engine
