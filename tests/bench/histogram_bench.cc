// Cost of the histogram on the load generator's hot path (record) and per interval (merge,
// encode, quantiles).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "harness/load/histogram.h"

namespace faultline::load {
namespace {

// Latencies spread log-uniformly over 50 µs .. 50 ms, like a loaded service: the buckets hit
// vary, as they do in a run.
std::vector<std::uint64_t> latencies_us(std::size_t n) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> exponent(std::log(50.0), std::log(50'000.0));
  std::vector<std::uint64_t> values(n);
  for (auto& v : values) v = static_cast<std::uint64_t>(std::exp(exponent(rng)));
  return values;
}

Histogram filled(std::size_t n) {
  Histogram h;
  for (const std::uint64_t v : latencies_us(n)) h.record(v);
  return h;
}

void BM_HistogramRecord(benchmark::State& state) {
  const std::vector<std::uint64_t> values = latencies_us(4096);
  Histogram h;
  std::size_t i = 0;
  for (auto _ : state) {
    h.record(values[i++ & 4095]);
  }
  benchmark::DoNotOptimize(h.count());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistogramRecord);

void BM_HistogramMerge(benchmark::State& state) {
  const Histogram interval = filled(static_cast<std::size_t>(state.range(0)));
  Histogram total;
  for (auto _ : state) {
    total.merge(interval);
    benchmark::DoNotOptimize(total.count());
  }
}
BENCHMARK(BM_HistogramMerge)->Arg(1'000)->Arg(100'000);

void BM_HistogramReset(benchmark::State& state) {
  const Histogram interval = filled(100'000);
  Histogram h;
  for (auto _ : state) {
    h.merge(interval);
    h.reset();
  }
}
BENCHMARK(BM_HistogramReset);

void BM_HistogramEncode(benchmark::State& state) {
  const Histogram h = filled(static_cast<std::size_t>(state.range(0)));
  std::size_t size = 0;
  for (auto _ : state) {
    const std::string text = h.encode();
    size = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["encoded_bytes"] = static_cast<double>(size);
}
BENCHMARK(BM_HistogramEncode)->Arg(1'000)->Arg(100'000);

void BM_HistogramDecode(benchmark::State& state) {
  const std::string text = filled(100'000).encode();
  for (auto _ : state) {
    auto h = Histogram::decode(text);
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_HistogramDecode);

void BM_HistogramValueAtQuantile(benchmark::State& state) {
  const Histogram h = filled(100'000);
  for (auto _ : state) benchmark::DoNotOptimize(h.value_at_quantile(0.99));
}
BENCHMARK(BM_HistogramValueAtQuantile);

}  // namespace
}  // namespace faultline::load

BENCHMARK_MAIN();
