// Which WebSocket sessions want to hear of which keys: key -> the subscribers of that key, held
// weakly, so a subscription never keeps a closed session alive. Sessions on every I/O thread
// subscribe and unsubscribe, and every write to the store publishes, hence a lock.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "targets/kvstore/key_hash.h"
#include "targets/kvstore/websocket_message.h"

namespace kvstore {

// What a subscription delivers to: a WebSocket session (a recording fake in tests).
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Takes one change of a subscribed key. Called on whichever thread wrote the key, so it must be
  // thread-safe, and it must not block or call back into Subscriptions.
  virtual void push(WebSocketMessage message) = 0;
};

class Subscriptions;

// One subscriber's interest in one key. Move-only; the subscriber is unsubscribed from the key
// when the Subscription is destroyed, so a session's subscriptions end with it.
class Subscription {
 public:
  Subscription(Subscription&& other) noexcept;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription();

 private:
  friend class Subscriptions;
  Subscription(Subscriptions& registry, std::string key, std::uint64_t id);

  Subscriptions* registry_;  // null once moved from
  std::string key_;
  std::uint64_t id_;
};

class Subscriptions {
 public:
  Subscriptions() = default;
  Subscriptions(const Subscriptions&) = delete;
  Subscriptions& operator=(const Subscriptions&) = delete;

  // Every message published for `key` goes to `subscriber` (while it lives) until the returned
  // Subscription is destroyed. Subscribing twice to one key delivers every message twice.
  Subscription subscribe(std::string_view key, std::weak_ptr<Subscriber> subscriber);
  // True when some subscriber, live or not yet unsubscribed, wants `key`; lets a writer skip
  // building a message nobody reads.
  bool has_subscribers(std::string_view key) const;
  // Pushes `message` to every live subscriber of `key` and returns how many that was. Subscribers
  // are called after the lock is released, so a push may take as long as it likes.
  std::size_t publish(std::string_view key, const WebSocketMessage& message) const;

 private:
  friend class Subscription;
  void unsubscribe(std::string_view key, std::uint64_t id);

  using SubscribersById = std::unordered_map<std::uint64_t, std::weak_ptr<Subscriber>>;

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, SubscribersById, KeyHash, std::equal_to<>>
      subscribers_by_key_;     // guarded by mutex_
  std::uint64_t next_id_ = 0;  // guarded by mutex_
  // The number of subscriptions, read without the lock: with no WebSocket subscriber at all, a
  // PUT takes no lock here, and so adds no synchronisation that could hide the race defect from
  // ThreadSanitizer.
  std::atomic<std::size_t> subscription_count_{0};
};

}  // namespace kvstore
