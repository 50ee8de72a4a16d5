#include "targets/kvstore/locked_store.h"

#include <mutex>
#include <utility>

namespace kvstore {

std::optional<std::string> LockedStore::get(std::string_view key) const {
  std::shared_lock lock(mutex_);
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  // A copy, not a reference: a concurrent PUT may replace the value as soon as the lock drops.
  return it->second;
}

PutOutcome LockedStore::put(std::string_view key, std::string value) {
  std::unique_lock lock(mutex_);
  const auto it = values_.find(key);
  if (it != values_.end()) {
    payload_bytes_ = payload_bytes_ - it->second.size() + value.size();
    it->second = std::move(value);
    return PutOutcome::replaced;
  }
  payload_bytes_ += key.size() + value.size();
  values_.emplace(std::string(key), std::move(value));
  return PutOutcome::created;
}

bool LockedStore::erase(std::string_view key) {
  std::unique_lock lock(mutex_);
  // erase(key) would need a std::string (heterogeneous erase is C++23); find() takes the view.
  const auto it = values_.find(key);
  if (it == values_.end()) return false;
  payload_bytes_ -= it->first.size() + it->second.size();
  values_.erase(it);
  return true;
}

std::size_t LockedStore::size() const {
  std::shared_lock lock(mutex_);
  return values_.size();
}

std::size_t LockedStore::cache_bytes() const {
  std::shared_lock lock(mutex_);
  return payload_bytes_;
}

std::uint64_t LockedStore::increment_counter() {
  // Relaxed is enough: the counter orders nothing else, and fetch_add itself never loses an update.
  return counter_.fetch_add(1, std::memory_order_relaxed) + 1;
}

std::uint64_t LockedStore::counter() const {
  return counter_.load(std::memory_order_relaxed);
}

}  // namespace kvstore
