#include "targets/kvstore/racy_store.h"

#include <utility>

namespace kvstore {
namespace {

// Buckets allocated up front: 1 MiB of pointers. Lookups stay short for the keys a scenario
// writes (tens of thousands); beyond this many keys the chains just get longer.
constexpr std::size_t kBuckets = std::size_t{1} << 17;
// Keys per bucket before the map would rehash: never reached in practice (kBuckets times this is
// over 10^11 keys), yet small enough that the threshold still fits in a size_t.
constexpr float kNeverReachedLoadFactor = 1e6F;

}  // namespace

RacyStore::RacyStore() {
  // The load factor before the buckets, so the resize threshold that rehash() records is computed
  // from it.
  values_.max_load_factor(kNeverReachedLoadFactor);
  values_.rehash(kBuckets);
}

std::optional<std::string> RacyStore::get(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

PutOutcome RacyStore::put(std::string_view key, std::string value) {
  const auto it = values_.find(key);
  if (it != values_.end()) {
    payload_bytes_ = payload_bytes_ - it->second.size() + value.size();
    // assign() copies into the existing buffer (see the class comment on double frees).
    it->second.assign(value);
    return PutOutcome::replaced;
  }
  payload_bytes_ += key.size() + value.size();
  values_.emplace(std::string(key), std::move(value));
  return PutOutcome::created;
}

bool RacyStore::erase(std::string_view key) {
  const auto it = values_.find(key);
  if (it == values_.end()) return false;
  payload_bytes_ -= it->first.size() + it->second.size();
  values_.erase(it);
  return true;
}

std::size_t RacyStore::size() const { return values_.size(); }

std::size_t RacyStore::cache_bytes() const { return payload_bytes_; }

std::uint64_t RacyStore::increment_counter() { return ++counter_; }

std::uint64_t RacyStore::counter() const { return counter_; }

std::size_t RacyStore::bucket_count() const { return values_.bucket_count(); }

}  // namespace kvstore
