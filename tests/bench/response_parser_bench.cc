// Cost of framing one response on the load generator's hot path: the bytes an nginx answer
// to wrk-style load carries, fed whole (the usual case) or split across two reads.
#include <benchmark/benchmark.h>

#include <string>

#include "harness/load/response_parser.h"

namespace faultline::load {
namespace {

const std::string kNginxResponse =
    "HTTP/1.1 200 OK\r\n"
    "Server: nginx/1.22.1\r\n"
    "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
    "Content-Type: application/octet-stream\r\n"
    "Content-Length: 2\r\n"
    "Connection: keep-alive\r\n"
    "\r\n"
    "ok";

const std::string kChunkedResponse =
    "HTTP/1.1 200 OK\r\n"
    "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n"
    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";

void parse_in_pieces(benchmark::State& state, const std::string& response, std::size_t cut) {
  ResponseParser parser;
  for (auto _ : state) {
    parser.reset(false);
    parser.feed(response.data(), cut);
    const ResponseParser::Result result = parser.feed(response.data() + cut, response.size() - cut);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * response.size()));
  state.SetItemsProcessed(state.iterations());
}

void BM_ParseContentLengthResponse(benchmark::State& state) { parse_in_pieces(state, kNginxResponse, 0); }
BENCHMARK(BM_ParseContentLengthResponse);

void BM_ParseContentLengthResponseSplit(benchmark::State& state) {
  parse_in_pieces(state, kNginxResponse, kNginxResponse.size() / 2);
}
BENCHMARK(BM_ParseContentLengthResponseSplit);

void BM_ParseChunkedResponse(benchmark::State& state) { parse_in_pieces(state, kChunkedResponse, 0); }
BENCHMARK(BM_ParseChunkedResponse);

}  // namespace
}  // namespace faultline::load

BENCHMARK_MAIN();
