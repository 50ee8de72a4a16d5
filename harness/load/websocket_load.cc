#include "harness/load/websocket_load.h"

#include <utility>

namespace faultline::load {

std::uint64_t client_seed(std::uint64_t generator_seed, std::uint32_t index) {
  // Weyl steps by the golden ratio, as HttpGenerator seeds its workers.
  return generator_seed + 0x9e3779b97f4a7c15ULL * (std::uint64_t{index} + 1);
}

WebSocketLoad::WebSocketLoad(boost::asio::io_context& io, StormRecorder& recorder, WebSocketLoadPlan plan)
    : plan_(std::move(plan)), ramp_timer_(io) {
  clients_.reserve(plan_.clients);
  for (std::uint32_t i = 0; i < plan_.clients; ++i) {
    const std::uint32_t index = plan_.first_client + i;
    clients_.push_back(
        std::make_shared<WebSocketClient>(io, plan_.client, recorder, index, client_seed(plan_.seed, index)));
  }
}

void WebSocketLoad::begin() {
  began_at_ = Clock::now();
  start_due_clients();
}

WebSocketLoad::Clock::duration WebSocketLoad::start_offset(std::uint32_t k) const {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(k / plan_.ramp_clients_per_s));
}

void WebSocketLoad::start_due_clients() {
  if (ended_) return;
  if (plan_.ramp_clients_per_s <= 0) {
    for (auto& client : clients_) client->start();
    started_ = plan_.clients;
    return;
  }
  const Clock::time_point now = Clock::now();
  while (started_ < plan_.clients && began_at_ + start_offset(started_) <= now) clients_[started_++]->start();
  if (started_ == plan_.clients) return;
  ramp_timer_.expires_at(began_at_ + start_offset(started_));
  ramp_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) start_due_clients();
  });
}

void WebSocketLoad::end() {
  if (ended_) return;
  ended_ = true;
  ramp_timer_.cancel();
  for (auto& client : clients_) client->stop();
}

}  // namespace faultline::load
