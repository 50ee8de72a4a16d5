// A worker's share of a WebSocket load: its clients, started all at once when the window opens
// or ramped in at a rate, stopped when it ends. Run by a StormWorker (one thread, one
// io_context); clients report to the worker's StormRecorder.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "harness/load/storm_recorder.h"
#include "harness/load/storm_worker.h"
#include "harness/load/websocket_client.h"

namespace faultline::load {

struct WebSocketLoadPlan {
  std::shared_ptr<const WebSocketClientConfig> client;
  std::uint32_t clients = 1;       // this worker's share
  std::uint32_t first_client = 0;  // index in the generator of this worker's first client
  double ramp_clients_per_s = 0;   // this worker's clients start at this rate; 0: all at once
  std::uint64_t seed = 1;          // the generator's; each client's jitter is seeded from it and its index
};

class WebSocketLoad : public StormLoad {
 public:
  using Clock = std::chrono::steady_clock;

  WebSocketLoad(boost::asio::io_context& io, StormRecorder& recorder, WebSocketLoadPlan plan);

  void begin() override;
  void end() override;

  // Clients started so far (the ramp's progress).
  std::uint32_t started() const { return started_; }

 private:
  // Ramped: client k starts k / ramp_clients_per_s after the window opens.
  Clock::duration start_offset(std::uint32_t k) const;
  void start_due_clients();

  WebSocketLoadPlan plan_;
  std::vector<std::shared_ptr<WebSocketClient>> clients_;
  boost::asio::steady_timer ramp_timer_;
  Clock::time_point began_at_;
  std::uint32_t started_ = 0;
  bool ended_ = false;
};

// The seed of client `index`'s reconnect jitter: distinct per client, fixed by the generator's seed.
std::uint64_t client_seed(std::uint64_t generator_seed, std::uint32_t index);

}  // namespace faultline::load
