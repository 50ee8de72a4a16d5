#include "harness/load/open_model_queue.h"

namespace faultline::load {

OpenModelQueue::OpenModelQueue(const ArrivalSchedule& schedule, std::uint64_t first_index,
                               std::uint64_t stride, Duration drop_after)
    : schedule_(schedule), first_index_(first_index), stride_(stride), drop_after_(drop_after) {
  next_due_ = intended(0);
}

std::optional<scenario::Duration> OpenModelQueue::intended(std::uint64_t local_index) const {
  return schedule_.time_of(first_index_ + local_index * stride_);
}

void OpenModelQueue::release_due(Duration now) {
  while (next_due_ && *next_due_ <= now) {
    ++released_end_;
    next_due_ = intended(released_end_);
  }
}

void OpenModelQueue::drop_stale(Duration now) {
  // Released arrivals always have an intended time: release_due only counts those.
  while (backlog_begin_ < released_end_ && now - *intended(backlog_begin_) > drop_after_) {
    ++backlog_begin_;
    ++dropped_;
  }
}

std::optional<OpenModelQueue::Arrival> OpenModelQueue::pop(Duration now) {
  drop_stale(now);
  if (backlog_begin_ == released_end_) return std::nullopt;
  const std::uint64_t index = backlog_begin_++;
  return Arrival{*intended(index), index < waiting_end_};
}

void OpenModelQueue::drop_remaining() {
  dropped_ += released_end_ - backlog_begin_;
  backlog_begin_ = released_end_;
}

std::uint64_t OpenModelQueue::take_dropped() {
  const std::uint64_t n = dropped_;
  dropped_ = 0;
  return n;
}

}  // namespace faultline::load
