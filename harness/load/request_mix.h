// A generator's weighted mix of requests, compiled once at set-up and shared read-only by its
// workers: each send picks a request by weight and renders it. Without keep-alive every request
// carries "Connection: close".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/request_template.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

using MixRng = scenario::SeededRandom;

struct RenderedRequest {
  std::string_view bytes;  // valid until the scratch buffer given to render() changes
  bool head = false;       // a HEAD request: its response has no body
};

class RequestMix {
 public:
  // Throws std::invalid_argument for a request the scenario parser should have rejected.
  // With spec.keepalive false, "Connection: close" is added to the generator's headers unless
  // they name Connection themselves (a request's own Connection header replaces it, as any
  // request header replaces a generator header of the same name).
  RequestMix(const scenario::HttpLoad& spec, std::string_view host);

  // Picks a request and renders it, with `sequence` for {seq}; `scratch` holds the bytes of a
  // request with {seq} or {rand:N} (reserve max_scratch_bytes() once so this never allocates).
  RenderedRequest render(std::uint64_t sequence, MixRng& rng, std::string& scratch) const;

  // The most bytes render() writes into `scratch`. Constant requests are never written there, so
  // a large constant body ({pad:N} without {seq} or {rand:N}) costs no memory per connection.
  std::size_t max_scratch_bytes() const { return max_scratch_bytes_; }

 private:
  std::vector<CompiledRequest> requests_;
  WeightedPicker picker_;
  std::size_t max_scratch_bytes_ = 0;
};

}  // namespace faultline::load
