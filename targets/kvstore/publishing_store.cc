#include "targets/kvstore/publishing_store.h"

#include <utility>

#include "targets/kvstore/websocket_protocol.h"

namespace kvstore {

PublishingStore::PublishingStore(std::unique_ptr<Store> inner, const Subscriptions& subscriptions)
    : inner_(std::move(inner)), subscriptions_(subscriptions) {}

std::optional<std::string> PublishingStore::get(std::string_view key) const {
  return inner_->get(key);
}

PutOutcome PublishingStore::put(std::string_view key, std::string value) {
  // Without subscribers the value moves into the store uncopied.
  if (!subscriptions_.has_subscribers(key)) return inner_->put(key, std::move(value));
  // Built before the store takes `value`, pushed after: a subscriber that GETs the key on
  // hearing of the change finds the new value.
  const auto change = std::make_shared<const std::string>(changed_push(key, value));
  const PutOutcome outcome = inner_->put(key, std::move(value));
  subscriptions_.publish(key, change);
  return outcome;
}

bool PublishingStore::erase(std::string_view key) {
  if (!inner_->erase(key)) return false;
  if (subscriptions_.has_subscribers(key)) {
    subscriptions_.publish(key, std::make_shared<const std::string>(deleted_push(key)));
  }
  return true;
}

std::size_t PublishingStore::size() const { return inner_->size(); }

std::size_t PublishingStore::cache_bytes() const { return inner_->cache_bytes(); }

std::uint64_t PublishingStore::increment_counter() { return inner_->increment_counter(); }

std::uint64_t PublishingStore::counter() const { return inner_->counter(); }

}  // namespace kvstore
