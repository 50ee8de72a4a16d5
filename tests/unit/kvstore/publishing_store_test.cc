// The PublishingStore: every write that changes a key reaches the key's subscribers, after the
// store holds it, and nothing else is published.
#include "targets/kvstore/publishing_store.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "targets/kvstore/locked_store.h"

namespace kvstore {
namespace {

// Records each push together with what the store held for the key at that moment.
class StoreWatchingSubscriber final : public Subscriber {
 public:
  StoreWatchingSubscriber(const Store& store, std::string key)
      : store_(store), key_(std::move(key)) {}

  void push(WebSocketMessage message) override {
    received.push_back(*message);
    stored_when_pushed.push_back(store_.get(key_));
  }

  std::vector<std::string> received;
  std::vector<std::optional<std::string>> stored_when_pushed;

 private:
  const Store& store_;
  const std::string key_;
};

class PublishingStoreTest : public testing::Test {
 protected:
  Subscriptions subscriptions_;
  PublishingStore store_{std::make_unique<LockedStore>(), subscriptions_};
  std::shared_ptr<StoreWatchingSubscriber> watcher_ =
      std::make_shared<StoreWatchingSubscriber>(store_, "k");
  Subscription watching_k_ = subscriptions_.subscribe("k", watcher_);
};

TEST_F(PublishingStoreTest, APutIsPublishedAfterTheStoreHoldsIt) {
  EXPECT_EQ(store_.put("k", "v1"), PutOutcome::created);
  EXPECT_EQ(store_.put("k", "v2"), PutOutcome::replaced);
  EXPECT_EQ(watcher_->received, (std::vector<std::string>{"chg k v1", "chg k v2"}));
  EXPECT_EQ(watcher_->stored_when_pushed,
            (std::vector<std::optional<std::string>>{"v1", "v2"}));
}

TEST_F(PublishingStoreTest, AnEraseIsPublishedAfterTheKeyIsGone) {
  store_.put("k", "v");
  EXPECT_TRUE(store_.erase("k"));
  ASSERT_EQ(watcher_->received.size(), 2u);
  EXPECT_EQ(watcher_->received[1], "del k");
  EXPECT_EQ(watcher_->stored_when_pushed[1], std::nullopt);
}

TEST_F(PublishingStoreTest, ErasingAMissingKeyPublishesNothing) {
  EXPECT_FALSE(store_.erase("k"));
  EXPECT_TRUE(watcher_->received.empty());
}

TEST_F(PublishingStoreTest, WritesToOtherKeysAreNotPublishedToThisOne) {
  store_.put("other", "v");
  store_.erase("other");
  EXPECT_TRUE(watcher_->received.empty());
  EXPECT_EQ(store_.get("other"), std::nullopt);
}

TEST_F(PublishingStoreTest, ReadsAndTheCounterPassThrough) {
  store_.put("k", "value");
  EXPECT_EQ(store_.get("k"), "value");
  EXPECT_EQ(store_.size(), 1u);
  EXPECT_EQ(store_.cache_bytes(), 6u);
  EXPECT_EQ(store_.increment_counter(), 1u);
  EXPECT_EQ(store_.counter(), 1u);
}

}  // namespace
}  // namespace kvstore
