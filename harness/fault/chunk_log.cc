#include "harness/fault/chunk_log.h"

#include <algorithm>

namespace faultline::fault {

void ChunkLog::append(std::uint64_t end, TimePoint arrival) {
  at(count_) = Chunk{end, arrival};
  ++count_;
}

std::optional<Piece> ChunkLog::take() {
  while (cursor_ < count_ && at(cursor_).end <= pulled_) ++cursor_;
  if (cursor_ == count_) return std::nullopt;
  const Chunk& chunk = at(cursor_);
  const Piece piece{chunk.end - pulled_, chunk.arrival};
  pulled_ = chunk.end;
  ++cursor_;
  return piece;
}

void ChunkLog::drop_written(std::uint64_t written) {
  std::size_t dropped = 0;
  while (count_ > 0 && chunks_[head_].end <= written) {
    head_ = (head_ + 1) % kCapacity;
    --count_;
    ++dropped;
  }
  cursor_ -= std::min(cursor_, dropped);
}

void ChunkLog::rewind(std::uint64_t offset) {
  pulled_ = offset;
  cursor_ = 0;
}

void ChunkLog::clear(std::uint64_t offset) {
  head_ = 0;
  count_ = 0;
  cursor_ = 0;
  pulled_ = offset;
}

void ChunkLog::stamp_untimed(TimePoint arrival) {
  for (std::size_t i = 0; i < count_; ++i) {
    if (at(i).arrival == TimePoint{}) at(i).arrival = arrival;
  }
}

}  // namespace faultline::fault
