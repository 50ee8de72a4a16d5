#include "harness/load/histogram.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace faultline::load {

namespace {

// Parameters a reader must share to decode the buckets: unit, sub-buckets, highest value.
constexpr std::string_view kEncodingHeader = "hdr1:us:2048:4294967295:";

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void append_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads one LEB128 varint from bytes[pos...]; false if truncated, wider than 64 bits or
// overlong (a final zero byte after the first), so that every value has one accepted form.
bool read_varint(std::string_view bytes, std::size_t& pos, std::uint64_t& value) {
  value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (pos == bytes.size()) return false;
    const auto byte = static_cast<unsigned char>(bytes[pos++]);
    // The tenth byte may only carry the 64th bit.
    if (shift == 63 && byte > 1) return false;
    value |= std::uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) return byte != 0 || shift == 0;
  }
  return false;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64Alphabet[(group >> shift) & 0x3f]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out.push_back(kBase64Alphabet[(group >> 18) & 0x3f]);
    out.push_back(kBase64Alphabet[(group >> 12) & 0x3f]);
    out.push_back(rest == 2 ? kBase64Alphabet[(group >> 6) & 0x3f] : '=');
    out.push_back('=');
  }
  return out;
}

// Strict: padded to a multiple of four, no stray characters, unused bits zero (so every byte
// string has exactly one accepted text).
std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  static constexpr std::array<std::int8_t, 256> kValue = [] {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kBase64Alphabet.size(); ++i) {
      table[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
  }();
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    if (padding == 1 && text[i + 2] == '=') return std::nullopt;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4 - padding; ++j) {
      const std::int8_t v = kValue[static_cast<unsigned char>(text[i + j])];
      if (v < 0) return std::nullopt;
      group |= static_cast<std::uint32_t>(v) << (18 - 6 * j);
    }
    out.push_back(static_cast<char>(group >> 16));
    if (padding < 2) out.push_back(static_cast<char>(group >> 8));
    if (padding < 1) out.push_back(static_cast<char>(group));
    const std::uint32_t unused_bits = padding == 2 ? (group & 0xffff) : padding == 1 ? (group & 0xff) : 0;
    if (unused_bits != 0) return std::nullopt;
  }
  return out;
}

}  // namespace

Histogram::Histogram() : counts_(kBucketCount, 0) { static_assert(index_of(kHighestTrackableUs) == kBucketCount - 1); }

void Histogram::merge(const Histogram& other) {
  if (other.total_count_ == 0) return;
  for (std::size_t i = index_of(other.min_us_), last = index_of(other.max_us_); i <= last; ++i) {
    counts_[i] += other.counts_[i];
  }
  total_count_ += other.total_count_;
  clamped_count_ += other.clamped_count_;
  min_us_ = std::min(min_us_, other.min_us_);
  max_us_ = std::max(max_us_, other.max_us_);
}

void Histogram::reset() {
  if (total_count_ != 0) {
    std::fill(counts_.begin() + static_cast<std::ptrdiff_t>(index_of(min_us_)),
              counts_.begin() + static_cast<std::ptrdiff_t>(index_of(max_us_)) + 1, 0);
  }
  total_count_ = 0;
  clamped_count_ = 0;
  min_us_ = UINT64_MAX;
  max_us_ = 0;
}

std::uint64_t Histogram::value_at_quantile(double q) const {
  if (total_count_ == 0) return 0;
  if (!(q > 0)) q = 0;  // also NaN
  if (q > 1) q = 1;
  const double wanted = std::ceil(std::nextafter(q, 0.0) * static_cast<double>(total_count_));
  const std::uint64_t rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(wanted), 1, total_count_);
  std::uint64_t seen = 0;
  for (std::size_t i = index_of(min_us_), last = index_of(max_us_); i <= last; ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(highest_of(i), max_us_);
  }
  return max_us_;
}

std::string Histogram::encode() const {
  std::string varints;
  append_varint(varints, min());
  append_varint(varints, max_us_);
  append_varint(varints, clamped_count_);
  std::size_t next = 0;  // first bucket not yet covered by a gap
  for_each_bucket([&](const Bucket& bucket) {
    const std::size_t index = index_of(bucket.lowest_us);
    append_varint(varints, index - next);
    append_varint(varints, bucket.count);
    next = index + 1;
  });
  return std::string(kEncodingHeader) + base64_encode(varints);
}

std::optional<Histogram> Histogram::decode(std::string_view text) {
  if (!text.starts_with(kEncodingHeader)) return std::nullopt;
  const std::optional<std::string> bytes = base64_decode(text.substr(kEncodingHeader.size()));
  if (!bytes) return std::nullopt;

  std::size_t pos = 0;
  std::uint64_t min_us = 0, max_us = 0, clamped = 0;
  if (!read_varint(*bytes, pos, min_us) || !read_varint(*bytes, pos, max_us) || !read_varint(*bytes, pos, clamped)) {
    return std::nullopt;
  }
  Histogram h;
  std::size_t next = 0;
  std::size_t first = kBucketCount, last = 0;
  while (pos < bytes->size()) {
    std::uint64_t gap = 0, count = 0;
    if (!read_varint(*bytes, pos, gap) || !read_varint(*bytes, pos, count)) return std::nullopt;
    if (gap >= kBucketCount - next || count == 0) return std::nullopt;
    const std::size_t index = next + static_cast<std::size_t>(gap);
    if (h.total_count_ + count < count) return std::nullopt;  // the total would overflow
    h.counts_[index] = count;
    h.total_count_ += count;
    first = std::min(first, index);
    last = index;
    next = index + 1;
  }

  if (h.total_count_ == 0) {
    if (min_us != 0 || max_us != 0 || clamped != 0) return std::nullopt;
    return h;
  }
  const bool consistent = min_us <= max_us && max_us <= kHighestTrackableUs && index_of(min_us) == first &&
                          index_of(max_us) == last && clamped <= h.counts_[last] &&
                          (clamped == 0 || max_us == kHighestTrackableUs);
  if (!consistent) return std::nullopt;
  h.min_us_ = min_us;
  h.max_us_ = max_us;
  h.clamped_count_ = clamped;
  return h;
}

bool operator==(const Histogram& a, const Histogram& b) {
  if (a.total_count_ != b.total_count_ || a.clamped_count_ != b.clamped_count_ || a.min() != b.min() ||
      a.max_us_ != b.max_us_) {
    return false;
  }
  if (a.total_count_ == 0) return true;
  const auto first = static_cast<std::ptrdiff_t>(Histogram::index_of(a.min_us_));
  const auto last = static_cast<std::ptrdiff_t>(Histogram::index_of(a.max_us_)) + 1;
  return std::equal(a.counts_.begin() + first, a.counts_.begin() + last, b.counts_.begin() + first);
}

}  // namespace faultline::load
