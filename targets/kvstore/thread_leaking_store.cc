#include "targets/kvstore/thread_leaking_store.h"

#include <thread>
#include <utility>

namespace kvstore {

ThreadLeakingStore::ThreadLeakingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

void ThreadLeakingStore::start_request_thread() const {
  std::thread([completion = completion_] {
    std::unique_lock lock(completion->mutex);
    completion->condition.wait(lock, [&completion] { return completion->sent; });
  }).detach();
}

std::optional<std::string> ThreadLeakingStore::get(std::string_view key) const {
  start_request_thread();
  return inner_->get(key);
}

PutOutcome ThreadLeakingStore::put(std::string_view key, std::string value) {
  start_request_thread();
  return inner_->put(key, std::move(value));
}

bool ThreadLeakingStore::erase(std::string_view key) {
  start_request_thread();
  return inner_->erase(key);
}

std::size_t ThreadLeakingStore::size() const { return inner_->size(); }

std::size_t ThreadLeakingStore::cache_bytes() const { return inner_->cache_bytes(); }

std::uint64_t ThreadLeakingStore::increment_counter() {
  start_request_thread();
  return inner_->increment_counter();
}

std::uint64_t ThreadLeakingStore::counter() const {
  start_request_thread();
  return inner_->counter();
}

}  // namespace kvstore
