// Every defect's Store, through the Store interface, used from one thread: the defects change
// what happens under concurrency or over time, never the answers a single client gets.
#include "targets/kvstore/store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kvstore {
namespace {

// Test names show the defect ("Defects/StoreOfEveryDefect.StartsEmpty/thread_leak").
std::string defect_test_name(const testing::TestParamInfo<Defect>& info) {
  switch (info.param) {
    case Defect::none: return "none";
    case Defect::race: return "race";
    case Defect::thread_leak: return "thread_leak";
    case Defect::conn_storm: return "conn_storm";
    case Defect::unbounded_cache: return "unbounded_cache";
  }
  return "unnamed_defect";
}

class StoreOfEveryDefect : public testing::TestWithParam<Defect> {
 protected:
  std::unique_ptr<Store> store_ = make_store(GetParam());
};

TEST_P(StoreOfEveryDefect, StartsEmpty) {
  EXPECT_EQ(store_->size(), 0u);
  EXPECT_EQ(store_->cache_bytes(), 0u);
  EXPECT_EQ(store_->counter(), 0u);
  EXPECT_EQ(store_->get("a"), std::nullopt);
}

TEST_P(StoreOfEveryDefect, PutCreatesThenReplaces) {
  EXPECT_EQ(store_->put("a", "one"), PutOutcome::created);
  EXPECT_EQ(store_->get("a"), "one");
  EXPECT_EQ(store_->put("a", "two"), PutOutcome::replaced);
  EXPECT_EQ(store_->get("a"), "two");
  EXPECT_EQ(store_->size(), 1u);
}

TEST_P(StoreOfEveryDefect, ReplacingWithAShorterOrLongerValueKeepsExactlyTheNewOne) {
  const std::string long_value(1000, 'x');
  store_->put("k", long_value);
  store_->put("k", "s");
  EXPECT_EQ(store_->get("k"), "s");
  store_->put("k", long_value);
  EXPECT_EQ(store_->get("k"), long_value);
}

TEST_P(StoreOfEveryDefect, KeysAreIndependent) {
  store_->put("a", "1");
  store_->put("b", "2");
  EXPECT_EQ(store_->get("a"), "1");
  EXPECT_EQ(store_->get("b"), "2");
  EXPECT_EQ(store_->size(), 2u);
}

TEST_P(StoreOfEveryDefect, EraseRemovesOnlyWhatExists) {
  store_->put("a", "1");
  EXPECT_TRUE(store_->erase("a"));
  EXPECT_FALSE(store_->erase("a"));
  EXPECT_EQ(store_->get("a"), std::nullopt);
  EXPECT_EQ(store_->size(), 0u);
}

TEST_P(StoreOfEveryDefect, ValuesAreArbitraryBytes) {
  const std::string value("\0\xff\r\n", 4);
  store_->put("bin", value);
  EXPECT_EQ(store_->get("bin"), value);
}

TEST_P(StoreOfEveryDefect, CounterCountsIncrements) {
  EXPECT_EQ(store_->increment_counter(), 1u);
  EXPECT_EQ(store_->increment_counter(), 2u);
  EXPECT_EQ(store_->counter(), 2u);
}

TEST_P(StoreOfEveryDefect, CacheBytesCountsAtLeastTheCurrentKeysAndValues) {
  store_->put("ab", "123");
  store_->put("c", "45");
  EXPECT_GE(store_->cache_bytes(), 8u);
}

INSTANTIATE_TEST_SUITE_P(Defects, StoreOfEveryDefect,
                         testing::Values(Defect::none, Defect::race, Defect::thread_leak,
                                         Defect::conn_storm, Defect::unbounded_cache),
                         defect_test_name);

// Only unbounded-cache remembers the past; every other store holds exactly the current payload.
class StoreThatKeepsOnlyCurrentValues : public StoreOfEveryDefect {};

TEST_P(StoreThatKeepsOnlyCurrentValues, CacheBytesIsExactlyTheCurrentKeysAndValues) {
  store_->put("ab", "123");
  store_->put("c", "45");
  EXPECT_EQ(store_->cache_bytes(), 8u);
  store_->put("ab", "1");  // replacing shrinks the payload
  EXPECT_EQ(store_->cache_bytes(), 6u);
  store_->erase("c");
  EXPECT_EQ(store_->cache_bytes(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Defects, StoreThatKeepsOnlyCurrentValues,
                         testing::Values(Defect::none, Defect::race, Defect::thread_leak,
                                         Defect::conn_storm),
                         defect_test_name);

}  // namespace
}  // namespace kvstore
