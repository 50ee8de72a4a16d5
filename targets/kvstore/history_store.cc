#include "targets/kvstore/history_store.h"

#include <utility>

namespace kvstore {

HistoryStore::HistoryStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

std::optional<std::string> HistoryStore::get(std::string_view key) const {
  return inner_->get(key);
}

PutOutcome HistoryStore::put(std::string_view key, std::string value) {
  {
    // A copy of the value: the map takes the original, and the history keeps its own forever.
    std::lock_guard lock(history_mutex_);
    history_.push_back(Write{std::string(key), value});
    history_bytes_ += key.size() + value.size();
  }
  return inner_->put(key, std::move(value));
}

bool HistoryStore::erase(std::string_view key) { return inner_->erase(key); }

std::size_t HistoryStore::size() const { return inner_->size(); }

std::size_t HistoryStore::cache_bytes() const {
  std::size_t history_bytes = 0;
  {
    std::lock_guard lock(history_mutex_);
    history_bytes = history_bytes_;
  }
  return inner_->cache_bytes() + history_bytes;
}

std::uint64_t HistoryStore::increment_counter() { return inner_->increment_counter(); }

std::uint64_t HistoryStore::counter() const { return inner_->counter(); }

}  // namespace kvstore
