#include "targets/kvstore/send_queue.h"

#include <algorithm>
#include <utility>

namespace kvstore {

SendQueue::SendQueue(std::size_t max_messages) : max_messages_(max_messages) {}

bool SendQueue::add_reply(WebSocketMessage message) {
  const bool dropped = full() && drop_oldest_push();
  waiting_.push_back(Waiting{std::move(message), /*is_push=*/false});
  return dropped;
}

bool SendQueue::add_push(WebSocketMessage message) {
  const bool was_full = full();
  if (was_full && !drop_oldest_push()) return true;  // only replies wait: this push is dropped
  waiting_.push_back(Waiting{std::move(message), /*is_push=*/true});
  return was_full;
}

WebSocketMessage SendQueue::pop() {
  WebSocketMessage oldest = std::move(waiting_.front().message);
  waiting_.pop_front();
  return oldest;
}

bool SendQueue::empty() const { return waiting_.empty(); }

bool SendQueue::full() const { return waiting_.size() >= max_messages_; }

std::size_t SendQueue::size() const { return waiting_.size(); }

bool SendQueue::drop_oldest_push() {
  // A scan of at most max_messages + 1 entries, and only when the queue is at its bound.
  const auto oldest_push =
      std::ranges::find_if(waiting_, [](const Waiting& waiting) { return waiting.is_push; });
  if (oldest_push == waiting_.end()) return false;
  waiting_.erase(oldest_push);
  return true;
}

}  // namespace kvstore
