#include "harness/load/storm_generator.h"

#include <algorithm>
#include <thread>

#include "harness/load/source_addresses.h"
#include "harness/load/sse_load.h"
#include "harness/load/tcp_churn.h"
#include "harness/load/websocket_load.h"

namespace faultline::load {
namespace {

using scenario::ConnectionLoad;

// Worker i's share of `total`: the remainder goes to the first workers.
std::uint32_t share(std::uint32_t total, unsigned workers, unsigned i) {
  return total / workers + (i < total % workers ? 1 : 0);
}

SourceAddresses source_addresses(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint) {
  if (spec.source_addresses == 0) return {};
  return SourceAddresses::loopback(spec.source_addresses, endpoint);
}

std::shared_ptr<const WebSocketClientConfig> websocket_config(const ConnectionLoad& spec,
                                                              const boost::asio::ip::tcp::endpoint& endpoint,
                                                              const std::string& host_header) {
  auto config = std::make_shared<WebSocketClientConfig>();
  config->endpoint = endpoint;
  config->host = host_header;
  config->path = spec.path;
  if (!spec.message.empty()) {
    config->message.emplace(spec.message);
    config->messages_per_s = spec.message_rate_per_s;
  }
  config->track_replies = spec.await_replies;
  config->sequence_stride = spec.connections;
  config->subscribe_key = spec.subscribe;
  config->push_carries_time_ns = spec.push_timestamps;
  config->connect_timeout = spec.connect_timeout;
  config->handshake_timeout = spec.handshake_timeout;
  config->heartbeat_interval = spec.heartbeat;
  config->pong_timeout = spec.pong_timeout;
  config->reconnect = reconnect_policy(spec.reconnect);
  config->source_addresses = source_addresses(spec, endpoint);
  return config;
}

// Delivery latency is read from godash's events, whose JSON data carries "published_unix_nano";
// streams whose events lack it are counted without latency.
std::shared_ptr<const SseClientConfig> sse_config(const ConnectionLoad& spec,
                                                  const boost::asio::ip::tcp::endpoint& endpoint,
                                                  const std::string& host_header) {
  auto config = std::make_shared<SseClientConfig>();
  config->endpoint = endpoint;
  config->host = host_header;
  config->path = spec.path;
  config->connect_timeout = spec.connect_timeout;
  config->idle_timeout = spec.idle_timeout;
  config->reconnect = reconnect_policy(spec.reconnect);
  config->source_addresses = source_addresses(spec, endpoint);
  return config;
}

TcpChurnPlan churn_plan(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                        std::uint32_t connections, unsigned workers) {
  TcpChurnPlan plan;
  plan.endpoint = endpoint;
  plan.connections = connections;
  plan.rate_per_s = spec.rate_per_s / workers;
  plan.hold = spec.hold;
  plan.payload = spec.send;
  plan.expect_bytes = spec.expect_bytes;
  plan.reset_on_close = spec.reset_on_close;
  plan.connect_timeout = spec.connect_timeout;
  plan.expect_timeout = spec.expect_timeout;
  plan.source_addresses = source_addresses(spec, endpoint);
  return plan;
}

}  // namespace

unsigned worker_count(const ConnectionLoad& spec, unsigned cores) {
  const unsigned wanted = spec.threads > 0 ? spec.threads : std::max(1u, cores);
  return std::max(1u, std::min(wanted, spec.connections));
}

ReconnectPolicy reconnect_policy(const scenario::Reconnect& reconnect) {
  ReconnectPolicy policy;
  switch (reconnect.backoff) {
    case scenario::Reconnect::Backoff::immediate: policy.kind = BackoffKind::immediate; break;
    case scenario::Reconnect::Backoff::fixed: policy.kind = BackoffKind::fixed; break;
    case scenario::Reconnect::Backoff::exponential: policy.kind = BackoffKind::exponential; break;
  }
  switch (reconnect.jitter) {
    case scenario::Reconnect::Jitter::none: policy.jitter = Jitter::none; break;
    case scenario::Reconnect::Jitter::full: policy.jitter = Jitter::full; break;
    case scenario::Reconnect::Jitter::equal: policy.jitter = Jitter::equal; break;
  }
  policy.delay = reconnect.delay;
  policy.base = reconnect.base;
  policy.cap = reconnect.cap;
  policy.max_attempts = reconnect.max_attempts;
  return policy;
}

StormGenerator::StormGenerator(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                               const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed)
    : spec_(spec), intervals_(worker_count(spec, std::thread::hardware_concurrency())) {
  const unsigned count = worker_count(spec_, std::thread::hardware_concurrency());
  StormSchedule schedule;
  schedule.epoch = timeline.epoch;
  schedule.start = spec_.start;
  schedule.length = spec_.length.value_or(timeline.duration - spec_.start);
  schedule.run_length = timeline.duration;
  schedule.warmup = timeline.warmup;
  schedule.interval = timeline.interval;

  std::shared_ptr<const WebSocketClientConfig> websocket;
  std::shared_ptr<const SseClientConfig> sse;
  if (spec_.kind == ConnectionLoad::Kind::websocket) websocket = websocket_config(spec_, endpoint, host_header);
  if (spec_.kind == ConnectionLoad::Kind::sse) sse = sse_config(spec_, endpoint, host_header);
  std::uint32_t first_client = 0;
  for (unsigned i = 0; i < count; ++i) {
    const std::uint32_t connections = share(spec_.connections, count, i);
    const double ramp_per_s = spec_.rate_per_s / count;
    StormWorker::LoadFactory factory;
    switch (spec_.kind) {
      case ConnectionLoad::Kind::tcp:
        factory = [plan = churn_plan(spec_, endpoint, connections, count)](boost::asio::io_context& io,
                                                                          StormRecorder& recorder) {
          return std::make_unique<TcpChurn>(io, recorder, plan);
        };
        break;
      case ConnectionLoad::Kind::websocket:
        factory = [plan = WebSocketLoadPlan{websocket, connections, first_client, ramp_per_s, seed}](
                      boost::asio::io_context& io, StormRecorder& recorder) {
          return std::make_unique<WebSocketLoad>(io, recorder, plan);
        };
        break;
      case ConnectionLoad::Kind::sse:
        factory = [plan = SseLoadPlan{sse, connections, first_client, ramp_per_s, seed}](boost::asio::io_context& io,
                                                                                        StormRecorder& recorder) {
          return std::make_unique<SseLoad>(io, recorder, plan);
        };
        break;
    }
    first_client += connections;
    workers_.push_back(std::make_unique<StormWorker>(schedule, factory));
  }
}

void StormGenerator::start() {
  for (auto& worker : workers_) worker->start();
}

void StormGenerator::request_stop() {
  for (auto& worker : workers_) worker->request_stop();
}

void StormGenerator::join(Clock::time_point deadline) {
  for (auto& worker : workers_) worker->join(deadline);
}

void StormGenerator::collect() {
  for (auto& worker : workers_) {
    for (StormInterval& reported : worker->take_intervals()) intervals_.add(std::move(reported));
  }
}

std::vector<StormInterval> StormGenerator::take_completed_intervals() {
  collect();
  return intervals_.take_completed();
}

std::vector<StormInterval> StormGenerator::take_remaining_intervals() {
  collect();
  return intervals_.take_remaining();
}

StormStats StormGenerator::measured() const {
  StormStats total;
  for (const auto& worker : workers_) total.merge(worker->measured());
  return total;
}

std::vector<ClientOutage> StormGenerator::outages() const {
  std::vector<ClientOutage> all;
  for (const auto& worker : workers_) all.insert(all.end(), worker->outages().begin(), worker->outages().end());
  return all;
}

std::uint64_t StormGenerator::outages_not_kept() const {
  std::uint64_t total = 0;
  for (const auto& worker : workers_) total += worker->outages_not_kept();
  return total;
}

}  // namespace faultline::load
