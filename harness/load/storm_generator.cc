#include "harness/load/storm_generator.h"

#include <memory>
#include <thread>

#include "harness/load/source_addresses.h"
#include "harness/load/sse_load.h"
#include "harness/load/tcp_churn.h"
#include "harness/load/websocket_load.h"

namespace faultline::load {
namespace {

using scenario::ConnectionLoad;

SourceAddresses source_addresses(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint) {
  if (spec.source_addresses == 0) return {};
  return SourceAddresses::loopback(spec.source_addresses, endpoint);
}

std::shared_ptr<const WebSocketClientConfig> websocket_config(const ConnectionLoad& spec,
                                                              const boost::asio::ip::tcp::endpoint& endpoint,
                                                              const std::string& host_header,
                                                              const SourceAddresses& sources) {
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
  config->reconnect = spec.reconnect;
  config->source_addresses = sources;
  return config;
}

// Delivery latency is read from godash's events, whose JSON data carries "published_unix_nano";
// streams whose events lack it are counted without latency.
std::shared_ptr<const SseClientConfig> sse_config(const ConnectionLoad& spec,
                                                  const boost::asio::ip::tcp::endpoint& endpoint,
                                                  const std::string& host_header, const SourceAddresses& sources) {
  auto config = std::make_shared<SseClientConfig>();
  config->endpoint = endpoint;
  config->host = host_header;
  config->path = spec.path;
  config->connect_timeout = spec.connect_timeout;
  config->handshake_timeout = spec.handshake_timeout;
  config->idle_timeout = spec.idle_timeout;
  config->reconnect = spec.reconnect;
  config->source_addresses = sources;
  return config;
}

// Every worker's churn plan but its share of the slots and the rate.
TcpChurnPlan churn_plan(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                        const SourceAddresses& sources) {
  TcpChurnPlan plan;
  plan.endpoint = endpoint;
  plan.hold = spec.hold;
  plan.payload = spec.send;
  plan.expect_bytes = spec.expect_bytes;
  plan.reset_on_close = spec.reset_on_close;
  plan.connect_timeout = spec.connect_timeout;
  plan.expect_timeout = spec.expect_timeout;
  plan.source_addresses = sources;
  return plan;
}

// Every worker of the generator, each with its share of the connections (or clients) and of
// the rate.
std::vector<std::unique_ptr<StormWorker>> storm_workers(const ConnectionLoad& spec,
                                                        const boost::asio::ip::tcp::endpoint& endpoint,
                                                        const std::string& host_header, const RunTimeline& timeline,
                                                        std::uint64_t seed) {
  const unsigned count = worker_count(spec.threads, spec.connections, std::thread::hardware_concurrency());
  StormSchedule schedule;
  schedule.epoch = timeline.epoch;
  schedule.start = spec.start;
  schedule.length = spec.length.value_or(timeline.duration - spec.start);
  schedule.run_length = timeline.duration;
  schedule.warmup = timeline.warmup;
  schedule.interval = timeline.interval;

  // Set up once for the whole generator (binding a source address is tried at set-up).
  const SourceAddresses sources = source_addresses(spec, endpoint);
  TcpChurnPlan churn;
  std::shared_ptr<const WebSocketClientConfig> websocket;
  std::shared_ptr<const SseClientConfig> sse;
  switch (spec.kind) {
    case ConnectionLoad::Kind::tcp: churn = churn_plan(spec, endpoint, sources); break;
    case ConnectionLoad::Kind::websocket: websocket = websocket_config(spec, endpoint, host_header, sources); break;
    case ConnectionLoad::Kind::sse: sse = sse_config(spec, endpoint, host_header, sources); break;
  }
  // Each worker's share of the connections and of the rate (new connections, or clients started).
  const double rate_per_s = spec.rate_per_s / count;
  std::vector<std::unique_ptr<StormWorker>> workers;
  std::uint32_t first_client = 0;
  for (unsigned i = 0; i < count; ++i) {
    const std::uint32_t connections = share(spec.connections, count, i);
    StormWorker::LoadFactory factory;
    switch (spec.kind) {
      case ConnectionLoad::Kind::tcp:
        churn.connections = connections;
        churn.rate_per_s = rate_per_s;
        factory = [plan = churn](boost::asio::io_context& io, StormRecorder& recorder) {
          return std::make_unique<TcpChurn>(io, recorder, plan);
        };
        break;
      case ConnectionLoad::Kind::websocket:
        factory = [plan = WebSocketLoadPlan{websocket, connections, first_client, rate_per_s, seed}](
                      boost::asio::io_context& io, StormRecorder& recorder) {
          return std::make_unique<WebSocketLoad>(io, recorder, plan);
        };
        break;
      case ConnectionLoad::Kind::sse:
        factory = [plan = SseLoadPlan{sse, connections, first_client, rate_per_s, seed}](boost::asio::io_context& io,
                                                                                        StormRecorder& recorder) {
          return std::make_unique<SseLoad>(io, recorder, plan);
        };
        break;
    }
    first_client += connections;
    workers.push_back(std::make_unique<StormWorker>(schedule, factory));
  }
  return workers;
}

}  // namespace

StormGenerator::StormGenerator(const ConnectionLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                               const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed)
    : WorkerGroup(storm_workers(spec, endpoint, host_header, timeline, seed)), spec_(spec) {}

std::vector<ClientOutage> StormGenerator::outages() const {
  std::vector<ClientOutage> all;
  for (const auto& worker : workers()) all.insert(all.end(), worker->outages().begin(), worker->outages().end());
  return all;
}

std::uint64_t StormGenerator::outages_not_kept() const {
  std::uint64_t total = 0;
  for (const auto& worker : workers()) total += worker->outages_not_kept();
  return total;
}

}  // namespace faultline::load
