#include "targets/kvstore/history_store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "targets/kvstore/locked_store.h"

namespace kvstore {
namespace {

TEST(HistoryStore, EveryPutGrowsTheCacheEvenWhenItReplacesTheValue) {
  HistoryStore store(std::make_unique<LockedStore>());
  const std::string value(100, 'v');
  std::size_t previous_bytes = store.cache_bytes();
  for (int i = 0; i < 50; ++i) {
    store.put("same-key", value);
    ASSERT_GT(store.cache_bytes(), previous_bytes) << "put number " << i;
    previous_bytes = store.cache_bytes();
  }
  EXPECT_EQ(store.size(), 1u);
  // 50 writes of key and value in the history, plus the one current pair in the map.
  EXPECT_EQ(store.cache_bytes(), 51u * (8u + 100u));
}

TEST(HistoryStore, EraseTrimsNothingOfTheHistory) {
  HistoryStore store(std::make_unique<LockedStore>());
  store.put("k", "value");
  const std::size_t with_key = store.cache_bytes();
  EXPECT_TRUE(store.erase("k"));
  EXPECT_EQ(store.get("k"), std::nullopt);
  EXPECT_EQ(store.cache_bytes(), with_key - 6u);  // only the map's copy went
  EXPECT_EQ(store.cache_bytes(), 6u);
}

TEST(HistoryStore, TheFixedStoreStaysFlatUnderTheSameWrites) {
  LockedStore store;
  const std::string value(100, 'v');
  for (int i = 0; i < 50; ++i) store.put("same-key", value);
  EXPECT_EQ(store.cache_bytes(), 8u + 100u);
}

}  // namespace
}  // namespace kvstore
