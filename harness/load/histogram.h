// A fixed-memory, mergeable log-linear histogram of latencies in microseconds, in the manner of
// HdrHistogram: three significant digits from 1 µs to over an hour, one increment per record().
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::load {

// Layout: values below 2048 µs each have their own bucket (exact). Above, every power of two
// [2^k, 2^(k+1)) is split into 1024 equal buckets, so a bucket is never wider than 1/1024 of its
// lowest value (relative error < 0.1%). This is HdrHistogram's layout with 2048 sub-buckets and
// a lowest discernible value of 1 µs, which makes the index a couple of shifts and one clz.
//
// Values above kHighestTrackableUs (2^32 - 1 µs, about 71.6 minutes) are recorded as
// kHighestTrackableUs, into the top bucket, and also counted by clamped_count(): min(), max()
// and the quantiles see the clamped value, and clamped_count() says how many were clamped.
class Histogram {
 public:
  static constexpr std::uint64_t kHighestTrackableUs = (std::uint64_t{1} << 32) - 1;

  // One non-empty bucket: every value in [lowest_us, highest_us] is counted here.
  struct Bucket {
    std::uint64_t lowest_us;
    std::uint64_t highest_us;
    std::uint64_t count;
  };

  // Allocates the counts (about 184 KiB) once; record() never allocates.
  Histogram();

  void record(std::uint64_t value_us) {
    const std::uint64_t clamped = value_us > kHighestTrackableUs ? kHighestTrackableUs : value_us;
    clamped_count_ += value_us > kHighestTrackableUs;
    ++counts_[index_of(clamped)];
    ++total_count_;
    min_us_ = clamped < min_us_ ? clamped : min_us_;
    max_us_ = clamped > max_us_ ? clamped : max_us_;
  }

  // Adds every value recorded in `other`, as if it had been recorded here.
  void merge(const Histogram& other);
  // Forgets every value. Touches only the buckets between min() and max().
  void reset();

  std::uint64_t count() const { return total_count_; }
  // How many recorded values exceeded kHighestTrackableUs and were clamped to it.
  std::uint64_t clamped_count() const { return clamped_count_; }
  // Smallest and largest recorded values (after clamping); 0 when empty.
  std::uint64_t min() const { return total_count_ == 0 ? 0 : min_us_; }
  std::uint64_t max() const { return max_us_; }

  // The value below which a fraction q (clamped to [0, 1]) of the recorded values lie: the
  // value of rank max(1, ceil(q * count())) in sorted order is located, and the highest value
  // equivalent to it (the top of its bucket) is returned, but never more than max(). So the
  // result is at most 0.1% above the exact order statistic, q = 1 gives max(), and q = 0 gives
  // the top of min()'s bucket. 0 when empty. Like HdrHistogram's getValueAtPercentile, q is
  // first nudged down by one ulp so that, say, 0.99 * 100 values means rank 99, not 100.
  std::uint64_t value_at_quantile(double q) const;

  // Calls visit(const Bucket&) for every non-empty bucket, in increasing value order.
  template <class Visitor>
  void for_each_bucket(Visitor&& visit) const {
    if (total_count_ == 0) return;
    for (std::size_t i = index_of(min_us_), last = index_of(max_us_); i <= last; ++i) {
      if (counts_[i] != 0) visit(Bucket{lowest_of(i), highest_of(i), counts_[i]});
    }
  }

  // A compact, versioned text form, safe inside a JSON string without escaping:
  //   "hdr1:us:2048:4294967295:" + base64(LEB128 varints of
  //       min, max, clamped count, then (gap, count) for each non-empty bucket)
  // where gap is the number of empty buckets skipped since the previous non-empty one (or since
  // bucket 0). The header repeats the unit, sub-bucket count and highest trackable value so that a
  // reader can tell whether it can decode the rest. decode(encode(h)) == h.
  std::string encode() const;
  // nullopt for anything encode() could not have produced: other parameters, bad base64,
  // truncated or overlong varints, buckets out of range, min/max inconsistent with the buckets.
  static std::optional<Histogram> decode(std::string_view text);

  friend bool operator==(const Histogram& a, const Histogram& b);

 private:
  static constexpr unsigned kSubBucketBits = 11;  // 2048 sub-buckets
  // 2048 exact values, then 1024 buckets for each power of two from 2^11 to 2^31.
  static constexpr std::size_t kBucketCount = 2048 + (31 - 11 + 1) * 1024;

  // Values < 2048 map to themselves; otherwise the value is shifted right until it has 11
  // significant bits (1024..2047) and each shift step adds 1024 indices.
  static constexpr std::size_t index_of(std::uint64_t value_us) {
    const unsigned magnitude = 63 - std::countl_zero(value_us | ((std::uint64_t{1} << kSubBucketBits) - 1));
    const unsigned shift = magnitude - (kSubBucketBits - 1);
    return (std::size_t{shift} << (kSubBucketBits - 1)) + static_cast<std::size_t>(value_us >> shift);
  }
  static constexpr unsigned shift_of(std::size_t index) {
    const std::size_t step = index >> (kSubBucketBits - 1);
    return step == 0 ? 0 : static_cast<unsigned>(step - 1);
  }
  static constexpr std::uint64_t lowest_of(std::size_t index) {
    const unsigned shift = shift_of(index);
    return static_cast<std::uint64_t>(index - (std::size_t{shift} << (kSubBucketBits - 1))) << shift;
  }
  static constexpr std::uint64_t highest_of(std::size_t index) {
    return lowest_of(index) + ((std::uint64_t{1} << shift_of(index)) - 1);
  }

  std::vector<std::uint64_t> counts_;
  std::uint64_t total_count_ = 0;
  std::uint64_t clamped_count_ = 0;
  std::uint64_t min_us_ = UINT64_MAX;  // UINT64_MAX while empty, so record() needs no branch
  std::uint64_t max_us_ = 0;
};

}  // namespace faultline::load
