#include "harness/load/reconnector.h"

#include <cassert>
#include <utility>

namespace faultline::load {

Reconnector::Reconnector(boost::asio::io_context& io, const ReconnectPolicy& policy, StormRecorder& recorder,
                         std::uint32_t client, std::uint64_t seed)
    : policy_(policy), recorder_(recorder), client_(client), rng_(seed), timer_(io) {}

void Reconnector::start(std::weak_ptr<const void> owner, std::function<void()> reconnect) {
  owner_ = std::move(owner);
  reconnect_ = std::move(reconnect);
}

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

bool Reconnector::reconnect_after_failure(ConnectionError error) {
  recorder_.connect_failed(error);
  return wait_to_reconnect();
}

bool Reconnector::reconnect_after_loss(ConnectionError cause) {
  recorder_.disconnected(cause);
  lost_at_ = Clock::now();
  return wait_to_reconnect();
}

void Reconnector::stop() {
  pausing_ = false;
  timer_.cancel();
  end_outage(std::nullopt);
}

bool Reconnector::wait_to_reconnect() {
  const auto delay = reconnect_delay(policy_, ++attempt_, rng_);
  if (!delay) {
    recorder_.gave_up();
    end_outage(std::nullopt);
    return false;
  }
  pausing_ = true;
  timer_.expires_after(*delay);
  // The owner is only looked at: a pause under way does not keep the client (and this) alive.
  timer_.async_wait([this, owner = owner_](const boost::system::error_code& ec) {
    if (ec) return;
    if (const auto alive = owner.lock()) on_pause_over();
  });
  return true;
}

void Reconnector::on_pause_over() {
  // The wait may have completed just before stop() cancelled it.
  if (!pausing_) return;
  pausing_ = false;
  assert(reconnect_ && "start() sets what a pause ends in");
  reconnect_();
}

void Reconnector::end_outage(std::optional<Clock::time_point> reconnected_at) {
  if (!lost_at_) return;
  recorder_.outage(ClientOutage{client_, *lost_at_, reconnected_at});
  lost_at_.reset();
}

}  // namespace faultline::load
