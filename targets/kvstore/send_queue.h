// The messages a WebSocket session has yet to write, bounded: Beast allows one write at a time,
// so the rest wait here. Two kinds wait: replies (to the client's own messages) and pushes (key
// changes). A client that reads slower than its keys change loses the oldest pushes, never a
// reply: a lost `ok sub` or `echo` would break the client's pairing of requests and replies,
// while a newer change of a key supersedes an older one.
#pragma once

#include <cstddef>
#include <deque>

#include "targets/kvstore/websocket_message.h"

namespace kvstore {

class SendQueue {
 public:
  // Pushes never make more than `max_messages` (at least 1) wait. Replies are bounded by the
  // session, which stops reading (and so stops producing replies) while the queue is full().
  explicit SendQueue(std::size_t max_messages);

  // Appends a reply; when the queue is full, the oldest waiting push, if any, is dropped to make
  // room. True when a push was dropped.
  bool add_reply(WebSocketMessage message);
  // Appends a push; when the queue is full, the oldest waiting push is dropped to make room, or,
  // if only replies wait, this push is. True when a push was dropped.
  bool add_push(WebSocketMessage message);
  // Removes and returns the oldest waiting message; the queue must not be empty.
  WebSocketMessage pop();
  bool empty() const;
  bool full() const;  // max_messages or more are waiting
  std::size_t size() const;

 private:
  struct Waiting {
    WebSocketMessage message;
    bool is_push;
  };

  // Drops the oldest waiting push; false when only replies wait.
  bool drop_oldest_push();

  const std::size_t max_messages_;
  std::deque<Waiting> waiting_;
};

}  // namespace kvstore
