#include "harness/load/response_parser.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::load {
namespace {

using Status = ResponseParser::Status;
using Error = ResponseParser::Error;

// What the parser concluded about one response.
struct Outcome {
  Status status = Status::need_more;
  std::size_t consumed = 0;  // over all feeds
  int status_code = 0;
  bool server_closes = false;
  std::uint64_t body_bytes = 0;
  Error error = Error::none;

  bool operator==(const Outcome&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  return out << "{status " << static_cast<int>(o.status) << ", consumed " << o.consumed << ", code " << o.status_code
             << ", closes " << o.server_closes << ", body " << o.body_bytes << ", error " << static_cast<int>(o.error)
             << "}";
}

struct Options {
  bool head = false;
  bool eof_at_end = false;  // the connection closes after the bytes
};

// Feeds `bytes` cut at `cuts` (ascending offsets), stopping at the first final status.
Outcome parse(std::string_view bytes, const std::vector<std::size_t>& cuts, Options options = {}) {
  ResponseParser parser;
  parser.reset(options.head);
  Outcome outcome;
  std::size_t begin = 0;
  std::vector<std::size_t> ends = cuts;
  ends.push_back(bytes.size());
  for (const std::size_t end : ends) {
    const ResponseParser::Result result = parser.feed(bytes.data() + begin, end - begin);
    EXPECT_LE(result.consumed, end - begin);
    outcome.consumed += result.consumed;
    outcome.status = result.status;
    if (result.status != Status::need_more) break;
    EXPECT_EQ(result.consumed, end - begin);
    begin = end;
  }
  if (outcome.status == Status::need_more && options.eof_at_end) outcome.status = parser.on_eof();
  outcome.status_code = parser.status_code();
  outcome.server_closes = parser.server_closes();
  outcome.body_bytes = parser.body_bytes();
  outcome.error = parser.error();
  return outcome;
}

Outcome parse_whole(std::string_view bytes, Options options = {}) { return parse(bytes, {}, options); }

Outcome complete(int status_code, std::size_t consumed, std::uint64_t body_bytes, bool server_closes = false) {
  return Outcome{Status::complete, consumed, status_code, server_closes, body_bytes, Error::none};
}

// Every way of cutting the bytes into two and into three pieces gives the same outcome as
// feeding them whole.
void expect_same_outcome_for_every_split(std::string_view bytes, const Outcome& expected, Options options = {}) {
  ASSERT_EQ(parse_whole(bytes, options), expected) << bytes;
  for (std::size_t i = 0; i <= bytes.size(); ++i) {
    ASSERT_EQ(parse(bytes, {i}, options), expected) << "cut at " << i << " of " << bytes;
    for (std::size_t j = i; j <= bytes.size(); ++j) {
      ASSERT_EQ(parse(bytes, {i, j}, options), expected) << "cuts at " << i << ", " << j << " of " << bytes;
    }
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < bytes.size(); ++i) every_byte.push_back(i);
  ASSERT_EQ(parse(bytes, every_byte, options), expected) << "byte by byte: " << bytes;
}

// The error of bytes that must fail when fed whole.
Error error_of(std::string_view bytes) {
  const Outcome outcome = parse_whole(bytes);
  EXPECT_EQ(outcome.status, Status::error) << bytes;
  return outcome.error;
}

TEST(ResponseParser, CompletesAResponseWithContentLength) {
  const std::string r = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 2\r\n\r\nok";
  EXPECT_EQ(parse_whole(r), complete(200, r.size(), 2));
}

TEST(ResponseParser, GivesTheSameOutcomeWhereverTheBytesAreSplit) {
  struct Case {
    std::string bytes;
    Outcome expected;
    Options options;
  };
  const std::string length = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
  const std::string chunked =
      "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;name=value\r\nhello\r\n1A \r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n";
  const std::string no_content = "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n";
  const std::string not_modified = "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
  const std::string until_close = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this";
  const std::string http_1_0 = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc";
  const std::string close = "HTTP/1.1 503 Busy\r\nconnection: Close\r\nCONTENT-LENGTH: 4\r\n\r\nbusy";
  const std::string interim = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx";
  const std::string bare_lf = "HTTP/1.1 404 Not Found\nContent-Length: 3\n\nnope";
  const std::string chunked_bare_lf = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n";
  const std::vector<Case> cases = {
      {length, complete(200, length.size(), 5), {}},
      {chunked, complete(201, chunked.size(), 31), {}},
      {no_content, complete(204, no_content.size(), 0), {}},
      {not_modified, complete(304, not_modified.size(), 0), {}},
      {head, complete(200, head.size(), 0), {.head = true}},
      {until_close, complete(200, until_close.size(), 11, true), {.eof_at_end = true}},
      {http_1_0, complete(200, http_1_0.size(), 3, true), {}},
      {close, complete(503, close.size(), 4, true), {}},
      {interim, complete(200, interim.size(), 1), {}},
      {bare_lf, complete(404, bare_lf.size() - 1, 3), {}},
      {chunked_bare_lf, complete(200, chunked_bare_lf.size(), 3), {}},
  };
  for (const Case& c : cases) expect_same_outcome_for_every_split(c.bytes, c.expected, c.options);
}

TEST(ResponseParser, ReportsBytesAfterTheResponseAsNotConsumed) {
  const std::string first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  const std::string second = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
  const std::string both = first + second;
  ResponseParser parser;
  const ResponseParser::Result r1 = parser.feed(both.data(), both.size());
  EXPECT_EQ(r1.status, Status::complete);
  EXPECT_EQ(r1.consumed, first.size());
  parser.reset(false);
  const ResponseParser::Result r2 = parser.feed(both.data() + r1.consumed, both.size() - r1.consumed);
  EXPECT_EQ(r2.status, Status::complete);
  EXPECT_EQ(r2.consumed, second.size());
}

TEST(ResponseParser, FeedsAfterTheEndConsumeNothingUntilReset) {
  ResponseParser parser;
  const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  EXPECT_EQ(parser.feed(r.data(), r.size()).status, Status::complete);
  const ResponseParser::Result again = parser.feed(r.data(), r.size());
  EXPECT_EQ(again.status, Status::complete);
  EXPECT_EQ(again.consumed, 0u);

  const std::string bad = "SMTP ready\r\n";
  parser.reset(false);
  EXPECT_EQ(parser.feed(bad.data(), bad.size()).status, Status::error);
  EXPECT_EQ(parser.feed(r.data(), r.size()).consumed, 0u);
  parser.reset(false);
  EXPECT_EQ(parser.feed(r.data(), r.size()).status, Status::complete);
  EXPECT_EQ(parser.error(), Error::none);
}

TEST(ResponseParser, HeadResponseHasNoBodyOnlyWhenTheRequestWasHead) {
  const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
  EXPECT_EQ(parse_whole(r, {.head = true}).consumed, r.size() - 3);
  EXPECT_EQ(parse_whole(r, {.head = false}).consumed, r.size());
}

TEST(ResponseParser, SkipsALargeBodyFedInPieces) {
  const std::size_t body = 1 << 20;
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body) + "\r\n\r\n";
  const std::string r = head + std::string(body, 'x');
  std::vector<std::size_t> cuts;
  for (std::size_t i = 4096; i < r.size(); i += 4096) cuts.push_back(i);
  EXPECT_EQ(parse(r, cuts), complete(200, r.size(), body));
}

TEST(ResponseParser, StatusLineWithoutReasonPhraseIsAccepted) {
  EXPECT_EQ(parse_whole("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n").status, Status::complete);
  EXPECT_EQ(parse_whole("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n").status, Status::complete);
}

TEST(ResponseParser, ConnectionHeaderDecidesReuse) {
  const auto closes = [](const std::string& status_line, const std::string& connection) {
    const std::string r = status_line + "\r\n" + connection + "Content-Length: 0\r\n\r\n";
    const Outcome outcome = parse_whole(r);
    EXPECT_EQ(outcome.status, Status::complete) << r;
    return outcome.server_closes;
  };
  EXPECT_FALSE(closes("HTTP/1.1 200 OK", ""));
  EXPECT_TRUE(closes("HTTP/1.1 200 OK", "Connection: close\r\n"));
  EXPECT_TRUE(closes("HTTP/1.1 200 OK", "Connection: Upgrade ,  CLOSE \r\n"));
  EXPECT_FALSE(closes("HTTP/1.1 200 OK", "Connection: closed\r\n"));
  EXPECT_FALSE(closes("HTTP/1.1 200 OK", "Connection: cl ose\r\n"));
  EXPECT_TRUE(closes("HTTP/1.0 200 OK", ""));
  EXPECT_FALSE(closes("HTTP/1.0 200 OK", "Connection: Keep-Alive\r\n"));
  EXPECT_TRUE(closes("HTTP/1.0 200 OK", "Connection: keep-alive, close\r\n"));
}

TEST(ResponseParser, OnlyAFinalChunkedCodingFramesTheBody) {
  const std::string body = "3\r\nabc\r\n0\r\n\r\n";
  const std::string gzip_chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n" + body;
  EXPECT_EQ(parse_whole(gzip_chunked), complete(200, gzip_chunked.size(), 3));
  const std::string two_lines =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
  EXPECT_EQ(parse_whole(two_lines), complete(200, two_lines.size(), 3));
  // chunked, then another coding: the body runs to the connection's end.
  const std::string chunked_gzip = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n" + body;
  EXPECT_EQ(parse_whole(chunked_gzip, {.eof_at_end = true}), complete(200, chunked_gzip.size(), body.size(), true));
}

TEST(ResponseParser, RepeatedEqualContentLengthIsAccepted) {
  const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length:2\r\n\r\nok";
  EXPECT_EQ(parse_whole(r), complete(200, r.size(), 2));
}

TEST(ResponseParser, EndOfConnectionCompletesOnlyABodyDelimitedByIt) {
  EXPECT_EQ(parse_whole("", {.eof_at_end = true}).error, Error::no_response);
  EXPECT_EQ(parse_whole("HTTP/1.1 200 OK\r\nContent-Le", {.eof_at_end = true}).error, Error::truncated);
  EXPECT_EQ(parse_whole("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", {.eof_at_end = true}).error,
            Error::truncated);
  EXPECT_EQ(parse_whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", {.eof_at_end = true}).error,
            Error::truncated);
  EXPECT_EQ(parse_whole("HTTP/1.1 100 Continue\r\n\r\n", {.eof_at_end = true}).error, Error::truncated);
  const std::string until_close = "HTTP/1.1 200 OK\r\n\r\n";
  EXPECT_EQ(parse_whole(until_close, {.eof_at_end = true}), complete(200, until_close.size(), 0, true));
}

TEST(ResponseParser, RejectsMalformedStatusLines) {
  for (const char* r :
       {"HTTP/2.0 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 099 Low\r\n\r\n",
        "HTTP/1.1 600 High\r\n\r\n", "http/1.1 200 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n", "HTTP/1.x 200 OK\r\n\r\n",
        "\r\nHTTP/1.1 200 OK\r\n\r\n", "<html>"}) {
    EXPECT_EQ(error_of(r), Error::bad_status_line) << r;
  }
}

TEST(ResponseParser, RejectsMalformedHeaderLines) {
  for (const char* r : {"HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
                        "HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
                        "HTTP/1.1 200 OK\r\nA: b\r\n\rX"}) {
    EXPECT_EQ(error_of(r), Error::bad_header) << r;
  }
}

TEST(ResponseParser, RejectsBadContentLength) {
  for (const char* value :
       {"abc", "-1", "+1", "1 2", "1,1", "", "0x10", "18446744073709551616", "99999999999999999999999"}) {
    const std::string r = std::string("HTTP/1.1 200 OK\r\nContent-Length: ") + value + "\r\n\r\n";
    EXPECT_EQ(error_of(r), Error::bad_content_length) << value;
  }
  const std::string differing = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc";
  EXPECT_EQ(error_of(differing), Error::bad_content_length);
}

TEST(ResponseParser, AcceptsTheLargestContentLength) {
  const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nabc";
  const Outcome outcome = parse_whole(r);
  EXPECT_EQ(outcome.status, Status::need_more);
  EXPECT_EQ(outcome.body_bytes, 3u);
}

TEST(ResponseParser, RejectsBothContentLengthAndChunked) {
  const std::string r =
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  EXPECT_EQ(error_of(r), Error::conflicting_length);
}

TEST(ResponseParser, RejectsMalformedChunks) {
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (const char* body : {"zz\r\n", "\r\n", " 5\r\nhello\r\n", "5 x\r\n", "5\rx", "3\r\nabcX\r\n", "3\r\nabc\rX",
                           "10000000000000000\r\n", "0\r\n\rX"}) {
    EXPECT_EQ(error_of(head + body), Error::bad_chunk) << body;
  }
}

TEST(ResponseParser, AcceptsTheLargestChunkSize) {
  const std::string r = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc";
  EXPECT_EQ(parse_whole(r).status, Status::need_more);
}

TEST(ResponseParser, RejectsHeadersOverTheLimit) {
  const std::string big = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\nContent-Length: 0\r\n\r\n";
  EXPECT_EQ(error_of(big), Error::header_too_large);
  std::vector<std::size_t> cuts;
  for (std::size_t i = 100; i < big.size(); i += 100) cuts.push_back(i);
  EXPECT_EQ(parse(big, cuts).error, Error::header_too_large);

  // Many small headers count as much as one big one.
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 10'000; ++i) many += "X-H: value\r\n";
  EXPECT_EQ(error_of(many), Error::header_too_large);
}

TEST(ResponseParser, LimitIsConfigurableAndCoversTrailers) {
  ResponseParser parser(64);
  const std::string r =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: " + std::string(100, 't') + "\r\n\r\n";
  const ResponseParser::Result result = parser.feed(r.data(), r.size());
  EXPECT_EQ(result.status, Status::error);
  EXPECT_EQ(parser.error(), Error::header_too_large);
}

TEST(ResponseParser, SurvivesRandomBytesAndAlwaysTerminates) {
  std::mt19937_64 rng(1234);
  const std::string alphabet = "HTP/1.0 2345\r\n:;,-abcdefkhnlrsugtxCLTE";
  for (int trial = 0; trial < 20'000; ++trial) {
    std::string bytes(rng() % 300, '\0');
    const bool text_like = trial % 2 == 0;
    for (char& c : bytes) c = text_like ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
    if (trial % 4 == 0) bytes.insert(0, "HTTP/1.1 200 OK\r\n");
    ResponseParser parser;
    std::size_t offset = 0;
    while (offset < bytes.size()) {
      const std::size_t size = std::min<std::size_t>(bytes.size() - offset, 1 + rng() % 40);
      const ResponseParser::Result result = parser.feed(bytes.data() + offset, size);
      ASSERT_LE(result.consumed, size);
      if (result.status != Status::need_more) break;
      offset += size;
    }
    parser.on_eof();
  }
}

TEST(ResponseParser, SurvivesTruncatedAndMutatedResponses) {
  const std::vector<std::string> valid = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n",
      "HTTP/1.0 500 Oops\r\nConnection: keep-alive, close\r\n\r\nbody until close",
  };
  std::mt19937_64 rng(99);
  for (const std::string& r : valid) {
    for (std::size_t length = 0; length < r.size(); ++length) {
      const Outcome outcome = parse_whole(std::string_view(r).substr(0, length), {.eof_at_end = true});
      EXPECT_NE(outcome.status, Status::need_more);
    }
    for (int trial = 0; trial < 5'000; ++trial) {
      std::string mutated = r;
      mutated[rng() % mutated.size()] = static_cast<char>(rng());
      const std::size_t cut = rng() % (mutated.size() + 1);
      const Outcome outcome = parse(mutated, {cut}, {.eof_at_end = true});
      EXPECT_NE(outcome.status, Status::need_more);
      EXPECT_LE(outcome.consumed, mutated.size());
    }
  }
}

}  // namespace
}  // namespace faultline::load
