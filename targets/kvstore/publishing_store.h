// The Store every write goes through, so WebSocket subscribers hear of each change whether it
// came from HTTP (PUT, DELETE) or from a WebSocket `set`: it wraps the defect's store and, once
// that store has applied a write, publishes `chg KEY VALUE` or `del KEY` to the key's
// subscribers. Writes to one key from two threads at once may be pushed in either order.
#pragma once

#include <memory>

#include "targets/kvstore/store.h"
#include "targets/kvstore/subscriptions.h"

namespace kvstore {

class PublishingStore final : public Store {
 public:
  // `subscriptions` outlives the store.
  PublishingStore(std::unique_ptr<Store> inner, const Subscriptions& subscriptions);

  std::optional<std::string> get(std::string_view key) const override;
  PutOutcome put(std::string_view key, std::string value) override;
  bool erase(std::string_view key) override;
  std::size_t size() const override;
  std::size_t cache_bytes() const override;

  std::uint64_t increment_counter() override;
  std::uint64_t counter() const override;

 private:
  std::unique_ptr<Store> inner_;
  const Subscriptions& subscriptions_;
};

}  // namespace kvstore
