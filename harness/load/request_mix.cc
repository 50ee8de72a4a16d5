#include "harness/load/request_mix.h"

#include <algorithm>

namespace faultline::load {

namespace {
std::vector<unsigned> weights_of(const scenario::HttpLoad& spec) {
  std::vector<unsigned> weights;
  for (const scenario::RequestTemplate& request : spec.requests) weights.push_back(request.weight);
  return weights;
}

bool names_connection(const std::vector<std::pair<std::string, std::string>>& headers) {
  return std::any_of(headers.begin(), headers.end(), [](const auto& header) {
    return header.first.size() == 10 && std::equal(header.first.begin(), header.first.end(), "connection",
                                                   [](char a, char b) { return (a | 0x20) == b; });
  });
}

// The server then knows that the connection ends with the response (it may close first).
std::vector<std::pair<std::string, std::string>> generator_headers(const scenario::HttpLoad& spec) {
  std::vector<std::pair<std::string, std::string>> headers = spec.headers;
  if (!spec.keepalive && !names_connection(headers)) headers.emplace_back("Connection", "close");
  return headers;
}
}  // namespace

RequestMix::RequestMix(const scenario::HttpLoad& spec, std::string_view host) : picker_(weights_of(spec)) {
  const auto headers = generator_headers(spec);
  for (const scenario::RequestTemplate& request : spec.requests) {
    requests_.emplace_back(request, host, headers);
    if (!requests_.back().constant()) {
      max_scratch_bytes_ = std::max(max_scratch_bytes_, requests_.back().max_rendered_bytes());
    }
  }
}

RenderedRequest RequestMix::render(std::uint64_t sequence, MixRng& rng, std::string& scratch) const {
  const CompiledRequest& request = requests_[requests_.size() == 1 ? 0 : picker_.pick(rng)];
  return RenderedRequest{request.render(sequence, rng, scratch), request.head()};
}

}  // namespace faultline::load
