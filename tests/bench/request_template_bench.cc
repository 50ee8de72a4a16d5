// Cost of producing one request's bytes on the load generator's hot path: a constant request
// (a pointer to pre-built bytes) and one with {seq} and {rand:N} placeholders, plus the choice
// of the request from a weighted mix.
#include <benchmark/benchmark.h>

#include <array>
#include <string>

#include "harness/load/request_template.h"

namespace faultline::load {
namespace {

scenario::RequestTemplate request(std::string method, std::string path, std::string body) {
  scenario::RequestTemplate r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  return r;
}

void render(benchmark::State& state, const CompiledRequest& compiled) {
  scenario::SeededRandom rng(1);
  std::string buffer;
  buffer.reserve(compiled.max_rendered_bytes());
  std::uint64_t sequence = 0;
  for (auto _ : state) {
    const std::string_view bytes = compiled.render(sequence++, rng, buffer);
    benchmark::DoNotOptimize(bytes.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RenderConstantRequest(benchmark::State& state) {
  render(state, CompiledRequest(request("GET", "/kv/hello", ""), "127.0.0.1:8080", {}));
}
BENCHMARK(BM_RenderConstantRequest);

void BM_RenderRequestWithPlaceholders(benchmark::State& state) {
  render(state, CompiledRequest(request("PUT", "/kv/{rand:1000}", "v{seq}"), "127.0.0.1:8080", {}));
}
BENCHMARK(BM_RenderRequestWithPlaceholders);

void BM_PickWeightedRequest(benchmark::State& state) {
  const std::array<unsigned, 4> weights = {1, 9, 3, 5};
  const WeightedPicker picker(weights);
  scenario::SeededRandom rng(1);
  for (auto _ : state) benchmark::DoNotOptimize(picker.pick(rng));
}
BENCHMARK(BM_PickWeightedRequest);

}  // namespace
}  // namespace faultline::load

BENCHMARK_MAIN();
