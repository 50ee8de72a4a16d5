#include "harness/load/client_load.h"

#include <utility>

namespace faultline::load {

ClientRamp::ClientRamp(boost::asio::io_context& io, std::uint32_t clients, double clients_per_s)
    : clients_(clients), clients_per_s_(clients_per_s), timer_(io) {}

void ClientRamp::begin(StartClient start_client) {
  start_client_ = std::move(start_client);
  began_at_ = Clock::now();
  start_due_clients();
}

void ClientRamp::stop() {
  stopped_ = true;
  timer_.cancel();
}

ClientRamp::Clock::duration ClientRamp::start_offset(std::uint32_t k) const {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(k / clients_per_s_));
}

void ClientRamp::start_due_clients() {
  if (stopped_) return;
  if (clients_per_s_ <= 0) {
    while (started_ < clients_) start_client_(started_++);
    return;
  }
  const Clock::time_point now = Clock::now();
  while (started_ < clients_ && began_at_ + start_offset(started_) <= now) start_client_(started_++);
  if (started_ == clients_) return;
  timer_.expires_at(began_at_ + start_offset(started_));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) start_due_clients();
  });
}

}  // namespace faultline::load
