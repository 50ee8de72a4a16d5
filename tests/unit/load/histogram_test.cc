#include "harness/load/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace faultline::load {
namespace {

constexpr std::uint64_t kTop = Histogram::kHighestTrackableUs;

// Log-uniform over [1 µs, ~1 h]: every bucket size of the histogram gets exercised.
std::vector<std::uint64_t> log_uniform_samples(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> exponent(0.0, std::log(3.6e9));
  std::vector<std::uint64_t> samples(n);
  for (auto& s : samples) s = static_cast<std::uint64_t>(std::exp(exponent(rng)));
  return samples;
}

Histogram histogram_of(const std::vector<std::uint64_t>& values) {
  Histogram h;
  for (const std::uint64_t v : values) h.record(v);
  return h;
}

TEST(Histogram, EmptyReportsZeros) {
  const Histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.clamped_count(), 0u);
  EXPECT_EQ(h.value_at_quantile(0.5), 0u);
  int buckets = 0;
  h.for_each_bucket([&](const Histogram::Bucket&) { ++buckets; });
  EXPECT_EQ(buckets, 0);
}

TEST(Histogram, TracksCountMinAndMax) {
  const Histogram h = histogram_of({250, 17, 90'000, 3});
  EXPECT_EQ(h.count(), 4u);
  EXPECT_EQ(h.min(), 3u);
  EXPECT_EQ(h.max(), 90'000u);
}

TEST(Histogram, ValuesBelow2048AreExact) {
  std::vector<std::uint64_t> values;
  for (std::uint64_t v = 0; v < 2048; ++v) values.push_back(v);
  const Histogram h = histogram_of(values);
  for (std::uint64_t v = 0; v < 2048; ++v) {
    // Rank v + 1 of 2048 is the value v.
    EXPECT_EQ(h.value_at_quantile(static_cast<double>(v + 1) / 2048.0), v);
  }
}

TEST(Histogram, QuantilesAreWithinOneThousandthOfSortedSamples) {
  std::vector<std::uint64_t> samples = log_uniform_samples(100'000, 42);
  const Histogram h = histogram_of(samples);
  std::sort(samples.begin(), samples.end());
  // q = k / 10000, so that the exact rank ceil(q * n) is computed in integers.
  for (const std::uint64_t k : {0, 1, 10, 100, 1000, 2500, 5000, 7500, 9000, 9900, 9990, 9999, 10000}) {
    const double q = static_cast<double>(k) / 10000.0;
    const std::uint64_t rank = std::max<std::uint64_t>(1, (k * samples.size() + 9999) / 10000);
    const std::uint64_t exact = samples[rank - 1];
    const std::uint64_t reported = h.value_at_quantile(q);
    EXPECT_GE(reported, exact) << "q=" << q;
    EXPECT_LE(static_cast<double>(reported - exact), static_cast<double>(exact) * 0.001) << "q=" << q;
  }
  EXPECT_EQ(h.value_at_quantile(1.0), samples.back());
}

TEST(Histogram, QuantileOfExactIntegerRankIsNotRoundedUp) {
  Histogram h;
  for (std::uint64_t v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.value_at_quantile(0.99), 99u);
  EXPECT_EQ(h.value_at_quantile(0.5), 50u);
  EXPECT_EQ(h.value_at_quantile(0.0), 1u);
}

TEST(Histogram, QuantileOutsideZeroToOneIsClamped) {
  const Histogram h = histogram_of({10, 20, 30});
  EXPECT_EQ(h.value_at_quantile(-1.0), 10u);
  EXPECT_EQ(h.value_at_quantile(std::nan("")), 10u);
  EXPECT_EQ(h.value_at_quantile(7.0), 30u);
}

TEST(Histogram, QuantileNeverExceedsMax) {
  // 1'000'001 lies in a bucket 1024 wide; reporting the bucket's top would exceed the maximum.
  const Histogram h = histogram_of({1'000'001});
  EXPECT_EQ(h.value_at_quantile(1.0), 1'000'001u);
  EXPECT_EQ(h.value_at_quantile(0.5), 1'000'001u);
}

TEST(Histogram, ZeroAndOneAreRecordedExactly) {
  const Histogram h = histogram_of({0, 1});
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 1u);
  EXPECT_EQ(h.value_at_quantile(0.5), 0u);
  EXPECT_EQ(h.value_at_quantile(1.0), 1u);
}

TEST(Histogram, TopValueIsRecordedUnclamped) {
  const Histogram h = histogram_of({kTop});
  EXPECT_EQ(h.max(), kTop);
  EXPECT_EQ(h.clamped_count(), 0u);
  EXPECT_EQ(h.value_at_quantile(1.0), kTop);
  EXPECT_GE(kTop, std::uint64_t{3'600'000'000});  // at least an hour
}

TEST(Histogram, ValuesAboveTopAreClampedAndCounted) {
  const Histogram h = histogram_of({5, kTop + 1, UINT64_MAX});
  EXPECT_EQ(h.count(), 3u);
  EXPECT_EQ(h.clamped_count(), 2u);
  EXPECT_EQ(h.max(), kTop);
  EXPECT_EQ(h.value_at_quantile(1.0), kTop);
  EXPECT_EQ(h.value_at_quantile(0.5), kTop);
}

TEST(Histogram, BucketsAreVisitedInOrderAndHoldTheirValues) {
  const std::vector<std::uint64_t> samples = log_uniform_samples(10'000, 7);
  const Histogram h = histogram_of(samples);
  std::vector<Histogram::Bucket> buckets;
  h.for_each_bucket([&](const Histogram::Bucket& b) { buckets.push_back(b); });
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    EXPECT_GT(buckets[i].count, 0u);
    EXPECT_LE(buckets[i].lowest_us, buckets[i].highest_us);
    // Never wider than 1/1024 of its values: three significant digits.
    EXPECT_LE(buckets[i].highest_us - buckets[i].lowest_us, buckets[i].lowest_us / 1024);
    if (i > 0) {
      EXPECT_GT(buckets[i].lowest_us, buckets[i - 1].highest_us);
    }
    total += buckets[i].count;
  }
  EXPECT_EQ(total, h.count());
  for (const std::uint64_t v : samples) {
    const bool held = std::any_of(buckets.begin(), buckets.end(),
                                  [&](const Histogram::Bucket& b) { return b.lowest_us <= v && v <= b.highest_us; });
    EXPECT_TRUE(held) << v;
  }
}

TEST(Histogram, MergeEqualsRecordingBothStreams) {
  const std::vector<std::uint64_t> a = log_uniform_samples(5'000, 1);
  std::vector<std::uint64_t> b = log_uniform_samples(7'000, 2);
  b.push_back(kTop + 5);
  Histogram merged = histogram_of(a);
  merged.merge(histogram_of(b));

  std::vector<std::uint64_t> both = a;
  both.insert(both.end(), b.begin(), b.end());
  EXPECT_EQ(merged, histogram_of(both));
  EXPECT_EQ(merged.clamped_count(), 1u);
}

TEST(Histogram, MergeOfEmptyChangesNothing) {
  Histogram h = histogram_of({4, 400, 40'000});
  const Histogram before = h;
  h.merge(Histogram{});
  EXPECT_EQ(h, before);
  Histogram empty;
  empty.merge(before);
  EXPECT_EQ(empty, before);
}

TEST(Histogram, ResetForgetsEverything) {
  Histogram h = histogram_of(log_uniform_samples(1'000, 3));
  h.record(kTop + 1);
  h.reset();
  EXPECT_EQ(h, Histogram{});
  h.record(12);
  EXPECT_EQ(h, histogram_of({12}));
}

TEST(Histogram, EqualityComparesCountsNotJustSummary) {
  // Same count, min and max, different middle.
  EXPECT_NE(histogram_of({1, 500, 9000}), histogram_of({1, 600, 9000}));
}

TEST(Histogram, EncodeDecodeRoundTrips) {
  std::vector<std::uint64_t> many = log_uniform_samples(20'000, 11);
  many.push_back(0);
  many.push_back(kTop + 1);
  for (const Histogram& h :
       {Histogram{}, histogram_of({0}), histogram_of({kTop}), histogram_of({7, 7, 7}), histogram_of(many)}) {
    const std::string text = h.encode();
    const std::optional<Histogram> decoded = Histogram::decode(text);
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, h);
    EXPECT_EQ(decoded->encode(), text);
  }
}

TEST(Histogram, EncodingIsVersionedAndSafeInJson) {
  const std::string text = histogram_of(log_uniform_samples(1'000, 5)).encode();
  EXPECT_TRUE(text.starts_with("hdr1:us:2048:4294967295:"));
  for (const char c : text) {
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' || c == ':';
    EXPECT_TRUE(safe) << "unexpected character " << static_cast<int>(c);
  }
}

TEST(Histogram, EncodingIsCompact) {
  // 1000 values of a typical latency spread: a few bytes per non-empty bucket, not the 184 KiB array.
  std::mt19937_64 rng(9);
  std::normal_distribution<double> latency(2000.0, 300.0);
  Histogram h;
  for (int i = 0; i < 1000; ++i) h.record(static_cast<std::uint64_t>(std::max(0.0, latency(rng))));
  EXPECT_LT(h.encode().size(), 4000u);
}

TEST(Histogram, DecodeRejectsGarbage) {
  for (const char* text :
       {"", "hdr1", "hdr1:", "hdr1:us:2048:4294967295:", "hdr1:us:2048:4294967295:!!!!", "hdr1:us:2048:4294967295:AAA",
        "hdr1:us:2048:4294967295:A===", "hdr1:us:2048:4294967295:AA=A", "hdr2:us:2048:4294967295:AAAA",
        "hdr1:ms:2048:4294967295:AAAA", "hdr1:us:4096:4294967295:AAAA", "{\"p99\": 3}",
        // An overlong varint (0 as 80 00): valid LEB128, but not encode()'s form.
        "hdr1:us:2048:4294967295:gAAAAA=="}) {
    EXPECT_FALSE(Histogram::decode(text).has_value()) << text;
  }
}

TEST(Histogram, DecodeRejectsEveryTruncation) {
  const std::string text = histogram_of(log_uniform_samples(500, 13)).encode();
  for (std::size_t length = 0; length < text.size(); ++length) {
    EXPECT_FALSE(Histogram::decode(std::string_view(text).substr(0, length)).has_value()) << length;
  }
}

TEST(Histogram, DecodeOfCorruptedTextNeverCrashesAndYieldsOnlyConsistentHistograms) {
  const std::string text = histogram_of(log_uniform_samples(300, 17)).encode();
  using namespace std::string_literals;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=:!\0\xff"s;
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 2'000; ++trial) {
    std::string corrupted = text;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) corrupted[rng() % corrupted.size()] = alphabet[rng() % alphabet.size()];
    const std::optional<Histogram> decoded = Histogram::decode(corrupted);
    if (decoded) {
      // Whatever is accepted must be a histogram that encodes back to the same text.
      EXPECT_EQ(decoded->encode(), corrupted);
    }
  }
}

TEST(Histogram, DecodeRejectsInconsistentSummary) {
  // min=5, max=5, clamped=0, then bucket 6 with count 1: min/max do not fall in that bucket.
  // Varints 05 05 00 06 01 -> base64 "BQUABgE=".
  EXPECT_FALSE(Histogram::decode("hdr1:us:2048:4294967295:BQUABgE=").has_value());
  // The same with the bucket at index 5 is valid.
  EXPECT_TRUE(Histogram::decode("hdr1:us:2048:4294967295:BQUABQE=").has_value());
}

}  // namespace
}  // namespace faultline::load
