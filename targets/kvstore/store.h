// The data kvstore serves: a string key-value map and one counter. An interface, because the
// defects swap in other implementations; make_store() picks one once at start-up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "targets/kvstore/defect.h"

namespace kvstore {

enum class PutOutcome {
  created,   // the key did not exist before
  replaced,  // the key existed; its value was overwritten
};

// Every member may be called from any thread at the same time (the race defect's store breaks
// exactly this promise, on purpose).
class Store {
 public:
  virtual ~Store() = default;

  // A copy of the value stored under `key`, or nullopt when there is none.
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  virtual PutOutcome put(std::string_view key, std::string value) = 0;
  // True when `key` existed (and now no longer does).
  virtual bool erase(std::string_view key) = 0;
  // The number of keys stored.
  virtual std::size_t size() const = 0;
  // Bytes of keys and values held (the payload, not the containers' overhead): the
  // kvstore_cache_bytes gauge. Under unbounded-cache it counts every value ever written.
  virtual std::size_t cache_bytes() const = 0;

  // Adds one to the counter and returns the counter's new value.
  virtual std::uint64_t increment_counter() = 0;
  virtual std::uint64_t counter() const = 0;
};

// The Store that `defect` calls for: RacyStore for race, ThreadLeakingStore for thread-leak,
// HistoryStore for unbounded-cache, each wrapping or replacing the correct LockedStore, which
// none and conn-storm (a defect of the listener, not the store) get.
std::unique_ptr<Store> make_store(Defect defect);

}  // namespace kvstore
