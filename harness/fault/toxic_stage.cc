#include "harness/fault/toxic_stage.h"

#include <algorithm>
#include <limits>

namespace faultline::fault {
namespace {

// Keeps jitter draws away from overflow; 2^62 ns is about 146 years.
constexpr std::uint64_t kMaxJitterNs = std::uint64_t{1} << 62;

}  // namespace

Duration transmission_time(std::uint64_t bytes, std::uint64_t rate_bytes_per_s) {
  __extension__ using Uint128 = unsigned __int128;  // __extension__: -Wpedantic
  const Uint128 ns = (Uint128{bytes} * 1'000'000'000 + rate_bytes_per_s - 1) / rate_bytes_per_s;
  const auto max = static_cast<Uint128>(std::numeric_limits<Duration::rep>::max());
  return Duration(static_cast<Duration::rep>(std::min(ns, max)));
}

LatencyStage::LatencyStage(const LatencyToxic& toxic, std::uint64_t seed) : toxic_(toxic), random_(seed) {}

Duration LatencyStage::next_delay() {
  if (toxic_.jitter <= Duration::zero()) return toxic_.latency;
  const auto range = std::min(static_cast<std::uint64_t>(toxic_.jitter.count()), kMaxJitterNs);
  return std::max(Duration::zero(), toxic_.latency + Duration(random_.within(range)));
}

Piece LatencyStage::take(Piece& input) {
  Piece out = input;
  input.bytes = 0;
  out.ready += next_delay();
  return out;
}

BandwidthStage::BandwidthStage(const BandwidthToxic& toxic)
    : toxic_(toxic), max_piece_bytes_(std::max<std::uint64_t>(1, toxic.rate_bytes_per_s / 10)) {}

Piece BandwidthStage::take(Piece& input) {
  const std::uint64_t bytes = std::min(input.bytes, max_piece_bytes_);
  input.bytes -= bytes;
  finished_ = std::max(input.ready, finished_) + transmission_time(bytes, toxic_.rate_bytes_per_s);
  return Piece{bytes, finished_};
}

void BandwidthStage::rewind(TimePoint now) {
  // A piece let out but not written did not use the link; the next one may start now (not
  // earlier: what was written before took its time already).
  finished_ = std::min(finished_, now);
}

SlicerStage::SlicerStage(const SlicerToxic& toxic, std::uint64_t seed) : toxic_(toxic), random_(seed) {
  toxic_.average_size_bytes = std::max<std::uint64_t>(1, toxic_.average_size_bytes);
}

Piece SlicerStage::take(Piece& input) {
  // check_toxic() keeps the variation below the average, so a slice has at least 1 byte.
  const std::uint64_t variation = std::min(toxic_.size_variation_bytes, toxic_.average_size_bytes - 1);
  const auto size = toxic_.average_size_bytes + static_cast<std::uint64_t>(random_.within(variation));
  const std::uint64_t bytes = std::clamp<std::uint64_t>(size, 1, input.bytes);
  input.bytes -= bytes;
  TimePoint ready = input.ready;
  if (sliced_ && toxic_.delay > Duration::zero()) ready = std::max(ready, previous_ + toxic_.delay);
  sliced_ = true;
  previous_ = ready;
  return Piece{bytes, ready};
}

void SlicerStage::rewind(TimePoint now) { previous_ = std::min(previous_, now); }

Piece LimitDataStage::take(Piece& input) {
  const std::uint64_t left = limit_ > taken_ ? limit_ - taken_ : 0;
  const std::uint64_t bytes = std::min(input.bytes, left);
  input.bytes -= bytes;
  taken_ += bytes;
  return Piece{bytes, input.ready};
}

}  // namespace faultline::fault
