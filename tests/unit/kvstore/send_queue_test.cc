// The WebSocket send queue: first in, first out; at its bound it drops the oldest push, never a
// reply, and says when it dropped one so the drop is counted.
#include "targets/kvstore/send_queue.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace kvstore {
namespace {

WebSocketMessage message(const std::string& text) {
  return std::make_shared<const std::string>(text);
}

std::vector<std::string> drain(SendQueue& queue) {
  std::vector<std::string> texts;
  while (!queue.empty()) texts.push_back(*queue.pop());
  return texts;
}

TEST(SendQueue, HandsMessagesOutInTheOrderTheyCame) {
  SendQueue queue(4);
  EXPECT_FALSE(queue.add_push(message("chg k 1")));
  EXPECT_FALSE(queue.add_reply(message("echo 1")));
  EXPECT_FALSE(queue.add_push(message("chg k 2")));
  EXPECT_EQ(drain(queue), (std::vector<std::string>{"chg k 1", "echo 1", "chg k 2"}));
}

TEST(SendQueue, IsFullAtItsBound) {
  SendQueue queue(2);
  queue.add_push(message("chg k 1"));
  EXPECT_FALSE(queue.full());
  queue.add_reply(message("echo 1"));
  EXPECT_TRUE(queue.full());
}

TEST(SendQueue, APushAtTheBoundDropsTheOldestPush) {
  SendQueue queue(3);
  queue.add_reply(message("echo 1"));
  queue.add_push(message("chg k 1"));
  queue.add_push(message("chg k 2"));
  EXPECT_TRUE(queue.add_push(message("chg k 3")));
  EXPECT_EQ(drain(queue), (std::vector<std::string>{"echo 1", "chg k 2", "chg k 3"}));
}

TEST(SendQueue, APushAtABoundOfOnlyRepliesIsItselfDropped) {
  SendQueue queue(2);
  queue.add_reply(message("echo 1"));
  queue.add_reply(message("echo 2"));
  EXPECT_TRUE(queue.add_push(message("chg k 1")));
  EXPECT_EQ(drain(queue), (std::vector<std::string>{"echo 1", "echo 2"}));
}

TEST(SendQueue, AReplyAtTheBoundDropsTheOldestPushButIsNeverDropped) {
  SendQueue queue(2);
  queue.add_push(message("chg k 1"));
  queue.add_push(message("chg k 2"));
  EXPECT_TRUE(queue.add_reply(message("ok sub k")));
  EXPECT_TRUE(queue.add_reply(message("ok sub j")));
  EXPECT_FALSE(queue.add_reply(message("echo 1")));  // only replies wait: past the bound it goes
  EXPECT_EQ(drain(queue), (std::vector<std::string>{"ok sub k", "ok sub j", "echo 1"}));
}

TEST(SendQueue, PushesNeverMakeItHoldMoreThanItsBound) {
  SendQueue queue(3);
  int dropped = 0;
  for (int i = 0; i < 100; ++i) dropped += queue.add_push(message(std::to_string(i))) ? 1 : 0;
  EXPECT_EQ(dropped, 97);
  EXPECT_EQ(drain(queue), (std::vector<std::string>{"97", "98", "99"})) << "the newest are kept";
}

}  // namespace
}  // namespace kvstore
