// The toxics that shape a stream of bytes in time (latency, bandwidth, slicer) or cut it
// (limit_data), as pure state machines: a stage takes pieces off the front of its input and
// says how many bytes may leave and when. No sockets, no timers and no clock reads here; the
// pipe (pipe.h) waits and writes. Tests drive the stages with made-up times.
#pragma once

#include <chrono>
#include <cstdint>

#include "harness/scenario/seeded_random.h"
#include "harness/fault/active_toxic.h"

namespace faultline::fault {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

// A run of bytes in stream order that may be written at `ready` at the earliest. Without any
// timed toxic, times stay at TimePoint{} (the clock's epoch: always in the past).
struct Piece {
  std::uint64_t bytes = 0;
  TimePoint ready{};
  friend bool operator==(const Piece&, const Piece&) = default;
};

// Each stage's take() removes a prefix of `input` (which is non-empty) and returns it as the
// piece it lets out; only LimitDataStage may let out nothing (its limit is used up).

// Holds every piece for the latency plus a fresh jitter draw, clamped at zero.
class LatencyStage {
 public:
  LatencyStage(const LatencyToxic& toxic, std::uint64_t seed);
  Piece take(Piece& input);
  Duration next_delay();  // the draw take() uses; exposed for tests

 private:
  LatencyToxic toxic_;
  scenario::SeededRandom random_;
};

// Lets each piece out after its transmission time at the rate, in pieces of at most 100 ms of
// data (as Toxiproxy), back to back: a piece starts when it is ready and the previous piece has
// finished, and leaves when it has been "transmitted".
class BandwidthStage {
 public:
  explicit BandwidthStage(const BandwidthToxic& toxic);
  Piece take(Piece& input);
  // Forgets the time of pieces let out but never written (they will be taken again).
  void rewind(TimePoint now);
  std::uint64_t max_piece_bytes() const { return max_piece_bytes_; }

 private:
  BandwidthToxic toxic_;
  std::uint64_t max_piece_bytes_;
  TimePoint finished_{};  // when the previous piece's transmission ended
};

// Cuts pieces into slices of average +- variation bytes, each at least `delay` after the
// previous one.
class SlicerStage {
 public:
  SlicerStage(const SlicerToxic& toxic, std::uint64_t seed);
  Piece take(Piece& input);
  void rewind(TimePoint now);

 private:
  SlicerToxic toxic_;
  scenario::SeededRandom random_;
  bool sliced_ = false;  // whether a slice was let out (the delay counts from it)
  TimePoint previous_{};
};

// Lets through `bytes` bytes in total, then nothing.
class LimitDataStage {
 public:
  explicit LimitDataStage(const LimitDataToxic& toxic) : limit_(toxic.bytes) {}
  Piece take(Piece& input);
  // The sink accepted `bytes` bytes that went through this stage.
  void on_written(std::uint64_t bytes) { written_ += bytes; }
  // Everything let out but not written will be taken again.
  void rewind() { taken_ = written_; }
  bool reached() const { return written_ >= limit_; }

 private:
  std::uint64_t limit_;
  std::uint64_t taken_ = 0;    // let out (written or about to be)
  std::uint64_t written_ = 0;  // confirmed written
};

// The transmission time of `bytes` at `rate_bytes_per_s`, rounded up to the nanosecond.
Duration transmission_time(std::uint64_t bytes, std::uint64_t rate_bytes_per_s);

}  // namespace faultline::fault
