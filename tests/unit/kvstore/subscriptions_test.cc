// The subscription registry without sockets: fan-out to every subscriber of a key and to no one
// else, unsubscribing by destroying the Subscription, and sessions that are gone being skipped.
#include "targets/kvstore/subscriptions.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kvstore {
namespace {

// Stands in for a WebSocketSession: records what it was pushed.
class RecordingSubscriber final : public Subscriber {
 public:
  void push(WebSocketMessage message) override { received.push_back(*message); }

  std::vector<std::string> received;
};

WebSocketMessage message(const std::string& text) {
  return std::make_shared<const std::string>(text);
}

class SubscriptionsTest : public testing::Test {
 protected:
  Subscriptions registry_;
  std::shared_ptr<RecordingSubscriber> alice_ = std::make_shared<RecordingSubscriber>();
  std::shared_ptr<RecordingSubscriber> bob_ = std::make_shared<RecordingSubscriber>();
};

TEST_F(SubscriptionsTest, PublishReachesEverySubscriberOfTheKey) {
  const Subscription alice_k = registry_.subscribe("k", alice_);
  const Subscription bob_k = registry_.subscribe("k", bob_);
  EXPECT_EQ(registry_.publish("k", message("chg k v")), 2u);
  EXPECT_EQ(alice_->received, std::vector<std::string>{"chg k v"});
  EXPECT_EQ(bob_->received, std::vector<std::string>{"chg k v"});
}

TEST_F(SubscriptionsTest, PublishReachesNoSubscriberOfAnotherKey) {
  const Subscription alice_k = registry_.subscribe("k", alice_);
  const Subscription bob_other = registry_.subscribe("other", bob_);
  registry_.publish("k", message("chg k v"));
  EXPECT_EQ(alice_->received.size(), 1u);
  EXPECT_TRUE(bob_->received.empty());
}

TEST_F(SubscriptionsTest, HasSubscribersOnlyForSubscribedKeys) {
  EXPECT_FALSE(registry_.has_subscribers("k"));
  const Subscription alice_k = registry_.subscribe("k", alice_);
  EXPECT_TRUE(registry_.has_subscribers("k"));
  EXPECT_FALSE(registry_.has_subscribers("other"));
}

TEST_F(SubscriptionsTest, DestroyingTheSubscriptionUnsubscribes) {
  const Subscription bob_k = registry_.subscribe("k", bob_);
  {
    const Subscription alice_k = registry_.subscribe("k", alice_);
  }
  EXPECT_EQ(registry_.publish("k", message("chg k v")), 1u);
  EXPECT_TRUE(alice_->received.empty());
  EXPECT_EQ(bob_->received.size(), 1u);
}

TEST_F(SubscriptionsTest, AKeyWithoutSubscriptionsLeftHasNoSubscribers) {
  {
    const Subscription alice_k = registry_.subscribe("k", alice_);
  }
  EXPECT_FALSE(registry_.has_subscribers("k"));
  EXPECT_EQ(registry_.publish("k", message("chg k v")), 0u);
}

TEST_F(SubscriptionsTest, AMovedSubscriptionUnsubscribesOnceByItsLastOwner) {
  std::vector<Subscription> held;
  {
    Subscription alice_k = registry_.subscribe("k", alice_);
    held.push_back(std::move(alice_k));
  }
  EXPECT_EQ(registry_.publish("k", message("chg k 1")), 1u) << "the moved-from one let go nothing";
  held.clear();
  EXPECT_EQ(registry_.publish("k", message("chg k 2")), 0u);
}

TEST_F(SubscriptionsTest, MoveAssigningASubscriptionEndsTheOneItReplaces) {
  Subscription held = registry_.subscribe("a", alice_);
  held = registry_.subscribe("b", alice_);
  EXPECT_FALSE(registry_.has_subscribers("a"));
  EXPECT_TRUE(registry_.has_subscribers("b"));
}

TEST_F(SubscriptionsTest, ASubscriberThatIsGoneIsSkipped) {
  const Subscription alice_k = registry_.subscribe("k", alice_);
  const Subscription bob_k = registry_.subscribe("k", bob_);
  alice_.reset();  // a session destroyed while its Subscription is still being torn down
  EXPECT_EQ(registry_.publish("k", message("chg k v")), 1u);
  EXPECT_EQ(bob_->received.size(), 1u);
}

TEST_F(SubscriptionsTest, EverySubscriberGetsTheSameSharedMessage) {
  // A fan-out to thousands must not copy a large value thousands of times.
  class PointerRecorder final : public Subscriber {
   public:
    void push(WebSocketMessage message) override { received = std::move(message); }
    WebSocketMessage received;
  };
  auto first = std::make_shared<PointerRecorder>();
  auto second = std::make_shared<PointerRecorder>();
  const Subscription first_k = registry_.subscribe("k", first);
  const Subscription second_k = registry_.subscribe("k", second);
  const WebSocketMessage change = message(std::string(1024, 'v'));
  registry_.publish("k", change);
  EXPECT_EQ(first->received.get(), change.get());
  EXPECT_EQ(second->received.get(), change.get());
}

}  // namespace
}  // namespace kvstore
