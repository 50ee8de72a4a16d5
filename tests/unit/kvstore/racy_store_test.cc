#include "targets/kvstore/racy_store.h"

#include <gtest/gtest.h>

#include <string>

namespace kvstore {
namespace {

// A rehash under concurrent unlocked use crashes the process instead of showing a race, so the
// table must keep its buckets however many keys it holds.
TEST(RacyStore, NeverRehashesAsKeysAccumulate) {
  RacyStore store;
  const std::size_t buckets = store.bucket_count();
  ASSERT_GE(buckets, 100'000u);
  const std::size_t keys = buckets + buckets / 2;
  for (std::size_t i = 0; i < keys; ++i) store.put("key" + std::to_string(i), "v");
  EXPECT_EQ(store.size(), keys);
  EXPECT_EQ(store.bucket_count(), buckets);
  EXPECT_EQ(store.get("key0"), "v");
  EXPECT_EQ(store.get("key" + std::to_string(keys - 1)), "v");
}

}  // namespace
}  // namespace kvstore
