// The messages a WebSocket client sent and still awaits the echo of, oldest first, at most
// kCapacity. Their storage (1.5 KiB) is allocated with the first message, so a client that only
// holds its connection, or sends without awaiting replies, does not pay for it.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace faultline::load {

class InFlightMessages {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kCapacity = 64;

  struct Sent {
    std::uint64_t sequence;
    std::int64_t unix_time_ns;  // what {t} became
    Clock::time_point sent_at;
  };

  bool full() const { return count_ == kCapacity; }
  std::size_t size() const { return count_; }

  // Call only when !full().
  void push(const Sent& sent) {
    if (!ring_) ring_ = std::make_unique<std::array<Sent, kCapacity>>();
    (*ring_)[(head_ + count_) % kCapacity] = sent;
    ++count_;
  }

  // The oldest message that `matches(sent)` accepts, removed with every older one (replies come
  // in order: those skipped over were never answered); nullopt, and nothing removed, if none.
  template <class Matches>
  std::optional<Sent> take_match(Matches&& matches) {
    for (std::size_t i = 0; i < count_; ++i) {
      const Sent& sent = (*ring_)[(head_ + i) % kCapacity];
      if (!matches(sent)) continue;
      const Sent found = sent;
      head_ = (head_ + i + 1) % kCapacity;
      count_ -= i + 1;
      return found;
    }
    return std::nullopt;
  }

  // The connection is gone: nothing is awaited any more (the storage is kept for the next).
  void clear() { head_ = count_ = 0; }

 private:
  std::unique_ptr<std::array<Sent, kCapacity>> ring_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

}  // namespace faultline::load
