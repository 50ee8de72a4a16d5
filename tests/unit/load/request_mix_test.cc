#include "harness/load/request_mix.h"

#include <gtest/gtest.h>

#include <string>

namespace faultline::load {
namespace {

scenario::HttpLoad generator(std::string path, std::string body = "") {
  scenario::HttpLoad spec;
  scenario::RequestTemplate request;
  request.method = "PUT";
  request.path = std::move(path);
  request.body = std::move(body);
  spec.requests.push_back(std::move(request));
  return spec;
}

std::string render(const RequestMix& mix) {
  MixRng rng(1);
  std::string scratch;
  return std::string(mix.render(7, rng, scratch).bytes);
}

TEST(RequestMix, AsksTheServerToCloseWithoutKeepalive) {
  scenario::HttpLoad spec = generator("/kv/{seq}");
  spec.keepalive = false;
  EXPECT_EQ(render(RequestMix(spec, "h")),
            "PUT /kv/7 HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
}

TEST(RequestMix, SendsNoConnectionHeaderWithKeepalive) {
  EXPECT_EQ(render(RequestMix(generator("/kv/{seq}"), "h")),
            "PUT /kv/7 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
}

TEST(RequestMix, LeavesAConnectionHeaderOfTheScenarioAlone) {
  scenario::HttpLoad spec = generator("/");
  spec.keepalive = false;
  spec.headers = {{"CONNECTION", "Upgrade"}};
  EXPECT_EQ(render(RequestMix(spec, "h")), "PUT / HTTP/1.1\r\nHost: h\r\nCONNECTION: Upgrade\r\nContent-Length: 0\r\n\r\n");
  spec.headers.clear();
  spec.requests[0].headers = {{"connection", "keep-alive"}};
  EXPECT_EQ(render(RequestMix(spec, "h")), "PUT / HTTP/1.1\r\nHost: h\r\nconnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
}

TEST(RequestMix, ConstantRequestsNeedNoScratch) {
  // A large constant body is shared by every connection, not copied into each one's scratch.
  EXPECT_EQ(RequestMix(generator("/kv/big", "{pad:16384}"), "h").max_scratch_bytes(), 0u);
  const RequestMix dynamic(generator("/kv/{seq}", "{pad:16384}"), "h");
  EXPECT_GT(dynamic.max_scratch_bytes(), 16384u);
}

}  // namespace
}  // namespace faultline::load
