#include "harness/load/request_mix.h"

#include <algorithm>

namespace faultline::load {

namespace {
std::vector<unsigned> weights_of(const scenario::HttpLoad& spec) {
  std::vector<unsigned> weights;
  for (const scenario::RequestTemplate& request : spec.requests) weights.push_back(request.weight);
  return weights;
}
}  // namespace

RequestMix::RequestMix(const scenario::HttpLoad& spec, std::string_view host) : picker_(weights_of(spec)) {
  for (const scenario::RequestTemplate& request : spec.requests) {
    requests_.emplace_back(request, host, spec.headers);
    max_rendered_bytes_ = std::max(max_rendered_bytes_, requests_.back().max_rendered_bytes());
  }
}

RenderedRequest RequestMix::render(std::uint64_t sequence, MixRng& rng, std::string& scratch) const {
  const CompiledRequest& request = requests_[requests_.size() == 1 ? 0 : picker_.pick(rng)];
  return RenderedRequest{request.render(sequence, rng, scratch), request.head()};
}

}  // namespace faultline::load
