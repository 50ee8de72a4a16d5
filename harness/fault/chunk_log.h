// The chunks (one per read) buffered in a pipe while a toxic chain is active: where each ends
// in the byte stream and when it arrived. The chain pulls pieces from it in stream order; what
// was pulled but not written can be pulled again after the chain changes. Fixed capacity, so a
// pipe stops reading when it is full (a bound on its queue, like its byte buffer).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "harness/fault/toxic_stage.h"

namespace faultline::fault {

class ChunkLog {
 public:
  static constexpr std::size_t kCapacity = 64;

  bool full() const { return count_ == kCapacity; }
  bool empty() const { return count_ == 0; }

  // A chunk that ends at stream offset `end` (the total bytes read so far) arrived at `arrival`.
  // Chunks are appended in stream order; the caller checks full() first.
  void append(std::uint64_t end, TimePoint arrival);

  // The rest of the chunk at the pull position, which moves past it; nullopt when all is pulled.
  std::optional<Piece> take();

  // Forgets the chunks that end at or before `written` (the sink has them).
  void drop_written(std::uint64_t written);

  // Pulls again from `offset`, which must lie within the buffered chunks (or at their end).
  void rewind(std::uint64_t offset);

  // Forgets every chunk; pulling resumes at `offset`.
  void clear(std::uint64_t offset);

  // Gives the chunks appended without a time (TimePoint{}: no toxic needed the clock) the
  // arrival time `arrival`, so a timed toxic that starts now delays them from now.
  void stamp_untimed(TimePoint arrival);

 private:
  struct Chunk {
    std::uint64_t end = 0;
    TimePoint arrival{};
  };
  Chunk& at(std::size_t index) { return chunks_[(head_ + index) % kCapacity]; }
  const Chunk& at(std::size_t index) const { return chunks_[(head_ + index) % kCapacity]; }

  std::array<Chunk, kCapacity> chunks_{};
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::size_t cursor_ = 0;     // index of the first chunk that may hold unpulled bytes
  std::uint64_t pulled_ = 0;   // stream offset up to which bytes were pulled
};

}  // namespace faultline::fault
