#include "harness/load/reconnector.h"

#include <utility>

namespace faultline::load {

Reconnector::Reconnector(boost::asio::io_context& io, const ReconnectPolicy& policy, StormRecorder& recorder,
                         std::uint32_t client, std::uint64_t seed)
    : policy_(policy), recorder_(recorder), client_(client), rng_(seed), timer_(io) {}

void Reconnector::attempt_started() {
  attempt_started_ = Clock::now();
  recorder_.connect_started();
}

Reconnector::Clock::time_point Reconnector::connected() {
  const Clock::time_point now = Clock::now();
  recorder_.connected(attempt_started_, now, lost_at_.has_value());
  end_outage(now);
  attempt_ = 0;
  return now;
}

bool Reconnector::connect_failed(ConnectionError error, std::function<void()> connect) {
  recorder_.connect_failed(error);
  return wait_to_reconnect(std::move(connect));
}

bool Reconnector::lost(ConnectionError cause, std::function<void()> connect) {
  recorder_.disconnected(cause);
  lost_at_ = Clock::now();
  return wait_to_reconnect(std::move(connect));
}

void Reconnector::stop() {
  timer_.cancel();
  end_outage(std::nullopt);
}

bool Reconnector::wait_to_reconnect(std::function<void()> connect) {
  const auto delay = reconnect_delay(policy_, ++attempt_, rng_);
  if (!delay) {
    recorder_.gave_up();
    end_outage(std::nullopt);
    return false;
  }
  timer_.expires_after(*delay);
  timer_.async_wait([connect = std::move(connect)](const boost::system::error_code& ec) {
    if (!ec) connect();
  });
  return true;
}

void Reconnector::end_outage(std::optional<Clock::time_point> reconnected_at) {
  if (!lost_at_) return;
  recorder_.outage(ClientOutage{client_, *lost_at_, reconnected_at});
  lost_at_.reset();
}

}  // namespace faultline::load
