#include "targets/kvstore/subscriptions.h"

#include <mutex>
#include <utility>
#include <vector>

namespace kvstore {

Subscription::Subscription(Subscriptions& registry, std::string key, std::uint64_t id)
    : registry_(&registry), key_(std::move(key)), id_(id) {}

Subscription::Subscription(Subscription&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)),
      key_(std::move(other.key_)),
      id_(other.id_) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->unsubscribe(key_, id_);
    registry_ = std::exchange(other.registry_, nullptr);
    key_ = std::move(other.key_);
    id_ = other.id_;
  }
  return *this;
}

Subscription::~Subscription() {
  if (registry_ != nullptr) registry_->unsubscribe(key_, id_);
}

Subscription Subscriptions::subscribe(std::string_view key, std::weak_ptr<Subscriber> subscriber) {
  std::unique_lock lock(mutex_);
  const std::uint64_t id = next_id_++;
  auto entry = subscribers_by_key_.find(key);
  if (entry == subscribers_by_key_.end()) {
    entry = subscribers_by_key_.emplace(std::string(key), SubscribersById{}).first;
  }
  entry->second.emplace(id, std::move(subscriber));
  // Release pairs with the acquire in has_subscribers(): a write that sees the count also sees
  // the entry once it takes the lock.
  subscription_count_.fetch_add(1, std::memory_order_release);
  return Subscription(*this, std::string(key), id);
}

bool Subscriptions::has_subscribers(std::string_view key) const {
  if (subscription_count_.load(std::memory_order_acquire) == 0) return false;
  std::shared_lock lock(mutex_);
  return subscribers_by_key_.contains(key);
}

std::size_t Subscriptions::publish(std::string_view key, const WebSocketMessage& message) const {
  // Declared before the lock, so the last reference to a session that closed meanwhile is dropped
  // after the lock is released: its Subscriptions' destructors take the lock again.
  std::vector<std::shared_ptr<Subscriber>> live;
  {
    std::shared_lock lock(mutex_);
    const auto entry = subscribers_by_key_.find(key);
    if (entry == subscribers_by_key_.end()) return 0;
    live.reserve(entry->second.size());
    for (const auto& [id, subscriber] : entry->second) {
      if (auto locked = subscriber.lock()) live.push_back(std::move(locked));
    }
  }
  for (const auto& subscriber : live) subscriber->push(message);
  return live.size();
}

void Subscriptions::unsubscribe(std::string_view key, std::uint64_t id) {
  std::unique_lock lock(mutex_);
  const auto entry = subscribers_by_key_.find(key);
  if (entry == subscribers_by_key_.end() || entry->second.erase(id) == 0) return;
  // An empty entry would make has_subscribers() true for a key nobody wants any more.
  if (entry->second.empty()) subscribers_by_key_.erase(entry);
  subscription_count_.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace kvstore
