#include "harness/load/request_template.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario/template_syntax.h"

namespace faultline::load {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

scenario::RequestTemplate request(std::string method, std::string path, std::string body = "", Headers headers = {}) {
  scenario::RequestTemplate r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

std::string render(const CompiledRequest& compiled, std::uint64_t sequence, std::uint64_t seed = 1) {
  scenario::SeededRandom rng(seed);
  std::string buffer;
  return std::string(compiled.render(sequence, rng, buffer));
}

// The Content-Length header's value and the bytes after the blank line.
std::pair<std::uint64_t, std::string> length_and_body(std::string_view bytes) {
  const std::size_t blank = bytes.find("\r\n\r\n");
  const std::size_t field = bytes.find("Content-Length: ");
  EXPECT_NE(blank, std::string_view::npos);
  EXPECT_NE(field, std::string_view::npos);
  return {std::stoull(std::string(bytes.substr(field + 16))), std::string(bytes.substr(blank + 4))};
}

TEST(CompiledRequest, ConstantRequestIsPrebuiltOnce) {
  const Headers common = {{"User-Agent", "faultline"}};
  const CompiledRequest compiled(request("GET", "/health"), "127.0.0.1:8080", common);
  EXPECT_TRUE(compiled.constant());
  scenario::SeededRandom rng(1);
  std::string buffer;
  const std::string_view first = compiled.render(1, rng, buffer);
  EXPECT_EQ(first, "GET /health HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: faultline\r\n\r\n");
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(compiled.render(2, rng, buffer).data(), first.data());
}

TEST(CompiledRequest, RendersSequenceIntoPathAndBody) {
  const CompiledRequest compiled(request("PUT", "/kv/{seq}", "v{seq}"), "h", {});
  EXPECT_FALSE(compiled.constant());
  EXPECT_EQ(render(compiled, 42), "PUT /kv/42 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nv42");
  EXPECT_EQ(render(compiled, 1234567), "PUT /kv/1234567 HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\nv1234567");
}

TEST(CompiledRequest, RendersPlaceholdersInHeaderValues) {
  const CompiledRequest compiled(request("GET", "/", "", {{"X-Request", "r-{seq}"}}), "h", {});
  EXPECT_EQ(render(compiled, 7), "GET / HTTP/1.1\r\nHost: h\r\nX-Request: r-7\r\n\r\n");
}

TEST(CompiledRequest, DrawsRandomValuesInOrderOfAppearance) {
  const CompiledRequest compiled(request("POST", "/{rand:100}/{rand:1000}", "{rand:5}"), "h", {});
  scenario::SeededRandom expected(77);
  const std::uint64_t a = expected.below(100), b = expected.below(1000), c = expected.below(5);
  EXPECT_EQ(render(compiled, 0, 77), "POST /" + std::to_string(a) + "/" + std::to_string(b) +
                                         " HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n" + std::to_string(c));
}

TEST(CompiledRequest, ConsumesOneDrawPerRandomPlaceholder) {
  // Measuring the body for its length must not use up draws of later requests.
  const CompiledRequest compiled(request("POST", "/{rand:9}", "{rand:9}{rand:9}"), "h", {});
  scenario::SeededRandom rng(3), reference(3);
  std::string buffer;
  compiled.render(0, rng, buffer);
  for (int i = 0; i < 3; ++i) reference.next();
  EXPECT_EQ(rng, reference);
}

TEST(CompiledRequest, ContentLengthMatchesEveryRenderedBody) {
  const CompiledRequest compiled(request("POST", "/", "{\"key\": {rand:1000000}, \"seq\": {seq}}"), "h", {});
  scenario::SeededRandom rng(11);
  std::string buffer;
  for (std::uint64_t seq = 0; seq < 2000; seq += 7) {
    const auto [length, body] = length_and_body(compiled.render(seq * seq * seq, rng, buffer));
    ASSERT_EQ(length, body.size()) << body;
  }
}

TEST(CompiledRequest, BracesThatAreNotPlaceholdersStayLiteral) {
  const CompiledRequest compiled(request("POST", "/", "{\"a\": {seq}, \"b\": {}, \"c\": {\"d\": \"{1}\"}}"), "h", {});
  EXPECT_EQ(length_and_body(render(compiled, 5)).second, "{\"a\": 5, \"b\": {}, \"c\": {\"d\": \"{1}\"}}");
}

TEST(CompiledRequest, PaddingAloneKeepsTheRequestConstant) {
  const CompiledRequest compiled(request("PUT", "/kv/big", "v={pad:5};"), "h", {});
  EXPECT_TRUE(compiled.constant());
  EXPECT_EQ(render(compiled, 0), "PUT /kv/big HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\nv=xxxxx;");
}

TEST(CompiledRequest, RendersPaddingBesidePerRequestValues) {
  const CompiledRequest compiled(request("PUT", "/kv/{seq}{pad:2}", "{pad:3}{seq}", {{"X-Pad", "{pad:1}"}}), "h", {});
  EXPECT_FALSE(compiled.constant());
  EXPECT_EQ(render(compiled, 42),
            "PUT /kv/42xx HTTP/1.1\r\nHost: h\r\nX-Pad: x\r\nContent-Length: 5\r\n\r\nxxx42");
}

TEST(CompiledRequest, PadsUpTo16MiB) {
  const CompiledRequest compiled(request("PUT", "/kv/{seq}", "{pad:16777216}"), "h", {});
  const auto [length, body] = length_and_body(render(compiled, 1));
  EXPECT_EQ(length, 16777216u);
  EXPECT_EQ(body.size(), 16777216u);
  EXPECT_EQ(body.find_first_not_of('x'), std::string::npos);
  EXPECT_LT(compiled.max_rendered_bytes(), 16777216u + 200);
}

TEST(CompiledRequest, AcceptsThePlaceholdersTheScenarioParserAccepts) {
  // The scenario parser validates, and this compiler uses the same parser: they cannot
  // disagree on any placeholder, well formed or not.
  for (const char* text : {"{seq}", "{rand:1}", "{rand:007}", "{rand:18446744073709551615}",
                           "{rand:18446744073709551616}", "{rand:0}", "{rand:}", "{rand:-1}", "{rand:+1}",
                           "{rand:1 }", "{rand:1x}", "{pad:1}", "{pad:0016777216}", "{pad:16777217}", "{pad:0}",
                           "{pad:}", "{pad:-1}", "{pad:+1}", "{pad:1 }", "{pad:1:2}", "{pad:0x10}", "{pad:1",
                           "a{pad:3}b{seq}c", "{rnd:3}", "{t}", "{seq"}) {
    const bool parser_accepts = scenario::parse_request_template(text).has_value();
    bool compiler_accepts = true;
    try {
      CompiledRequest(request("PUT", "/", text), "h", {});
    } catch (const std::invalid_argument&) {
      compiler_accepts = false;
    }
    EXPECT_EQ(compiler_accepts, parser_accepts) << text;
  }
}

TEST(CompiledRequest, ContentLengthOnlyWhenThereIsABodyOrTheMethodTakesOne) {
  EXPECT_EQ(render(CompiledRequest(request("GET", "/"), "h", {}), 0), "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(render(CompiledRequest(request("POST", "/"), "h", {}), 0),
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(render(CompiledRequest(request("DELETE", "/x", "y"), "h", {}), 0),
            "DELETE /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\ny");
}

TEST(CompiledRequest, TemplateHeadersReplaceCommonHeadersAndHost) {
  const Headers common = {{"Accept", "*/*"}, {"X-Run", "1"}};
  const CompiledRequest compiled(request("GET", "/", "", {{"accept", "text/plain"}, {"HOST", "example"}}), "h", common);
  EXPECT_EQ(render(compiled, 0), "GET / HTTP/1.1\r\nX-Run: 1\r\naccept: text/plain\r\nHOST: example\r\n\r\n");
}

TEST(CompiledRequest, HeadRequestIsMarked) {
  EXPECT_TRUE(CompiledRequest(request("HEAD", "/"), "h", {}).head());
  EXPECT_FALSE(CompiledRequest(request("GET", "/"), "h", {}).head());
}

TEST(CompiledRequest, RejectsMalformedTemplates) {
  const std::vector<scenario::RequestTemplate> bad = {
      request("GET", "/{rand:0}"),
      request("GET", "/{rand:}"),
      request("GET", "/{rand:x}"),
      request("GET", "/{rand:5"),
      request("GET", "/", "{rand:99999999999999999999999}"),
      request("GET", "/", "", {{"X", "{rand:-1}"}}),
      request("GET", "/{pad:0}"),
      request("GET", "/{pad:}"),
      request("GET", "/{pad:2x}"),
      request("GET", "/{pad:-3}"),
      request("GET", "/{pad:7"),
      request("PUT", "/", "{pad:16777217}"),
      request("PUT", "/", "{pad:99999999999999999999999}"),
      request("GET", "/", "", {{"Content-Length", "3"}}),
      request("GET", "/", "", {{"transfer-encoding", "chunked"}}),
      request("GET", "/", "", {{"Bad Name", "v"}}),
      request("GET", "/", "", {{"X", "a\r\nInjected: 1"}}),
      request("G ET", "/"),
      request("", "/"),
      request("GET", "/a b"),
      request("GET", "/a\r\n"),
      request("GET", ""),
  };
  for (const auto& r : bad) {
    EXPECT_THROW(CompiledRequest(r, "h", {}), std::invalid_argument) << r.method << " " << r.path;
  }
  const Headers bad_common = {{"Content-Length", "0"}};
  EXPECT_THROW(CompiledRequest(request("GET", "/"), "h", bad_common), std::invalid_argument);
}

TEST(CompiledRequest, RenderingIntoAReservedBufferNeverReallocates) {
  const CompiledRequest compiled(
      request("PUT", "/kv/{seq}/{rand:18446744073709551615}", "{seq}{pad:100}{rand:1000}"), "h", {});
  std::string buffer;
  buffer.reserve(compiled.max_rendered_bytes());
  const char* const storage = buffer.data();
  const std::size_t capacity = buffer.capacity();
  scenario::SeededRandom rng(1);
  for (std::uint64_t seq : {std::uint64_t{0}, std::uint64_t{9}, UINT64_MAX, UINT64_MAX - 1}) {
    for (int i = 0; i < 100; ++i) {
      const std::string_view bytes = compiled.render(seq, rng, buffer);
      ASSERT_LE(bytes.size(), compiled.max_rendered_bytes());
    }
  }
  EXPECT_EQ(buffer.data(), storage);
  EXPECT_EQ(buffer.capacity(), capacity);
}

TEST(WeightedPicker, PicksInProportionToWeights) {
  const std::array<unsigned, 3> weights = {1, 9, 0};
  const WeightedPicker picker(weights);
  scenario::SeededRandom rng(2024);  // fixed seed: the counts below are deterministic
  std::array<int, 3> picks{};
  const int n = 100'000;
  for (int i = 0; i < n; ++i) ++picks[picker.pick(rng)];
  EXPECT_EQ(picks[2], 0);
  // Expected 10'000 and 90'000; the bounds are 10 standard deviations (~95) wide.
  EXPECT_NEAR(picks[0], 10'000, 1'000);
  EXPECT_NEAR(picks[1], 90'000, 1'000);
}

TEST(WeightedPicker, SingleRequestIsAlwaysPicked) {
  const std::array<unsigned, 1> weights = {5};
  const WeightedPicker picker(weights);
  scenario::SeededRandom rng(1);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(picker.pick(rng), 0u);
}

TEST(WeightedPicker, RejectsMixesWithoutPositiveWeight) {
  EXPECT_THROW(WeightedPicker(std::span<const unsigned>{}), std::invalid_argument);
  const std::array<unsigned, 2> zeros = {0, 0};
  EXPECT_THROW(WeightedPicker{zeros}, std::invalid_argument);
}

}  // namespace
}  // namespace faultline::load
