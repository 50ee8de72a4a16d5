// The data kvstore serves: a string key-value map and one counter. An interface, because the
// defects of issue #4 swap in other implementations; make_store() picks one once at start-up.
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

// Every member may be called from any thread at the same time.
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

  // Adds one to the counter and returns the counter's new value.
  virtual std::uint64_t increment_counter() = 0;
  virtual std::uint64_t counter() const = 0;
};

// The Store that `defect` calls for; Defect::none gets the correct, locked one.
std::unique_ptr<Store> make_store(Defect defect);

}  // namespace kvstore
