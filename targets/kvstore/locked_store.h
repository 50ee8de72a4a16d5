// The correct Store: the map behind a reader-writer lock, the counter an atomic.
#pragma once

#include <atomic>
#include <functional>
#include <shared_mutex>
#include <unordered_map>

#include "targets/kvstore/key_hash.h"
#include "targets/kvstore/store.h"

namespace kvstore {

class LockedStore final : public Store {
 public:
  std::optional<std::string> get(std::string_view key) const override;
  PutOutcome put(std::string_view key, std::string value) override;
  bool erase(std::string_view key) override;
  std::size_t size() const override;
  std::size_t cache_bytes() const override;

  std::uint64_t increment_counter() override;
  std::uint64_t counter() const override;

 private:
  // Reads (GET, size) far outnumber writes under the usual load mixes, so readers share the lock.
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> values_;  // guarded by mutex_
  std::size_t payload_bytes_ = 0;  // sum of key and value sizes in values_; guarded by mutex_
  std::atomic<std::uint64_t> counter_{0};
};

}  // namespace kvstore
