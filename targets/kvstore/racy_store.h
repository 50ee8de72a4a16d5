// The race defect's Store: LockedStore's map, byte count and counter with the locks taken out,
// so the I/O threads read and mutate them at the same time. Under ThreadSanitizer
// (kvstore-tsan) every such pair of accesses is a `data race` report; without it the race shows
// as lost keys, lost counter increments, torn values and a wrong size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "targets/kvstore/key_hash.h"
#include "targets/kvstore/store.h"

namespace kvstore {

// Chosen to race observably yet survive a scenario's run (minutes of load on a few threads),
// because a target that segfaults at once tells faultline nothing about races:
// - the map never rehashes (its buckets are allocated once, with a load factor that is never
//   reached), since a rehash frees the bucket array under the other threads' lookups, which would
//   crash within seconds; unlocked inserts then only lose keys, they do not corrupt memory;
// - a replaced value is copied into the existing string rather than swapped for the new one, so
//   two concurrent PUTs of one key tear the value instead of freeing the same buffer twice;
// - the counter is a plain integer, whose concurrent increments lose updates (the consistency
//   check a scenario can ask for) and never crash.
// The one access that can still crash is DELETE racing a lookup of the same bucket (a freed
// node); the race scenarios use GET, PUT and the counter.
class RacyStore final : public Store {
 public:
  RacyStore();

  std::optional<std::string> get(std::string_view key) const override;
  PutOutcome put(std::string_view key, std::string value) override;
  bool erase(std::string_view key) override;
  std::size_t size() const override;
  std::size_t cache_bytes() const override;

  std::uint64_t increment_counter() override;
  std::uint64_t counter() const override;

  // The map's bucket count, fixed at construction whatever is stored (see the class comment);
  // public so a test can hold the store to that.
  std::size_t bucket_count() const;

 private:
  // None of these is guarded by anything: that is the defect.
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> values_;
  std::size_t payload_bytes_ = 0;  // sum of key and value sizes in values_
  std::uint64_t counter_ = 0;
};

}  // namespace kvstore
