#include "targets/kvstore/thread_leaking_store.h"

#include <gtest/gtest.h>

#include <memory>

#include "targets/kvstore/locked_store.h"
#include "targets/kvstore/thread_count.h"

namespace kvstore {
namespace {

// The threads are counted in /proc/self/status, where the kernel lists a thread as soon as
// std::thread's constructor returns; nothing here waits for time to pass. The leaked threads
// stay blocked until the test process exits, which is what the defect is.
long threads_now() {
  const auto threads = read_thread_count();
  EXPECT_TRUE(threads.has_value());
  return threads.value_or(0);
}

TEST(ThreadLeakingStore, EveryRequestOperationLeavesOneMoreThread) {
  ThreadLeakingStore store(std::make_unique<LockedStore>());
  const long before = threads_now();
  store.put("k", "v");
  EXPECT_EQ(threads_now(), before + 1);
  EXPECT_EQ(store.get("k"), "v");
  EXPECT_EQ(threads_now(), before + 2);
  store.increment_counter();
  store.counter();
  EXPECT_TRUE(store.erase("k"));
  EXPECT_EQ(threads_now(), before + 5);
}

TEST(ThreadLeakingStore, MetricsReadsStartNoThread) {
  ThreadLeakingStore store(std::make_unique<LockedStore>());
  const long before = threads_now();
  store.size();
  store.cache_bytes();
  EXPECT_EQ(threads_now(), before);
}

TEST(ThreadLeakingStore, TheFixedStoreStartsNoThread) {
  LockedStore store;
  const long before = threads_now();
  store.put("k", "v");
  store.get("k");
  store.increment_counter();
  EXPECT_EQ(threads_now(), before);
}

}  // namespace
}  // namespace kvstore
