// A worker's share of a load of long-lived clients (WebSocket, SSE): its clients, started all at
// once when the window opens or ramped in at a rate, stopped when it ends. Run by a StormWorker
// (one thread, one io_context); clients report to the worker's StormRecorder.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "harness/scenario/seeded_random.h"
#include "harness/load/storm_recorder.h"
#include "harness/load/storm_worker.h"

namespace faultline::load {

// A client of such a load: built from its generator's shared settings, its index in the
// generator and the seed of its reconnect jitter; start() connects it, and it stays connected
// (reconnecting by its policy) until stop().
template <class Client>
concept StormClient = std::constructible_from<Client, boost::asio::io_context&,
                                              std::shared_ptr<const typename Client::Config>, StormRecorder&,
                                              std::uint32_t, std::uint64_t> &&
                      requires(Client& client) {
                        client.start();
                        client.stop();
                      };

template <class Config>
struct ClientLoadPlan {
  std::shared_ptr<const Config> client;
  std::uint32_t clients = 1;       // this worker's share
  std::uint32_t first_client = 0;  // index in the generator of this worker's first client
  double ramp_clients_per_s = 0;   // this worker's clients start at this rate; 0: all at once
  std::uint64_t seed = 1;          // the generator's; each client's jitter is seeded from it and its index
};

// Starts clients 0, 1, ... of a load when it begins: all at once, or client k at k / rate after.
class ClientRamp {
 public:
  using Clock = std::chrono::steady_clock;
  using StartClient = std::function<void(std::uint32_t client)>;

  // `clients_per_s` <= 0: all at once.
  ClientRamp(boost::asio::io_context& io, std::uint32_t clients, double clients_per_s);

  void begin(StartClient start_client);
  // No client starts after this, begun or not.
  void stop();

  std::uint32_t started() const { return started_; }

 private:
  Clock::duration start_offset(std::uint32_t k) const;
  void start_due_clients();

  std::uint32_t clients_;
  double clients_per_s_;
  StartClient start_client_;
  boost::asio::steady_timer timer_;
  Clock::time_point began_at_;
  std::uint32_t started_ = 0;
  bool stopped_ = false;
};

template <StormClient Client>
class ClientLoad : public StormLoad {
 public:
  using Plan = ClientLoadPlan<typename Client::Config>;

  ClientLoad(boost::asio::io_context& io, StormRecorder& recorder, const Plan& plan)
      : ramp_(io, plan.clients, plan.ramp_clients_per_s) {
    clients_.reserve(plan.clients);
    for (std::uint32_t i = 0; i < plan.clients; ++i) {
      const std::uint32_t index = plan.first_client + i;
      clients_.push_back(std::make_shared<Client>(io, plan.client, recorder, index, scenario::derive_seed(plan.seed, index)));
    }
  }

  void begin() override {
    ramp_.begin([this](std::uint32_t k) { clients_[k]->start(); });
  }

  void end() override {
    ramp_.stop();
    for (auto& client : clients_) client->stop();  // idempotent
  }

  // Clients started so far (the ramp's progress).
  std::uint32_t started() const { return ramp_.started(); }

 private:
  ClientRamp ramp_;
  std::vector<std::shared_ptr<Client>> clients_;
};

}  // namespace faultline::load
