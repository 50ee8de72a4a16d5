// Frames HTTP/1.1 responses on a client connection: finds where each response ends and whether
// the connection may be reused, skipping the body. Incremental (bytes may be split anywhere) and
// allocation-free: it scans the bytes in place and keeps only a few integers between feeds.
#pragma once

#include <cstddef>
#include <cstdint>

namespace faultline::load {

class ResponseParser {
 public:
  enum class Status {
    need_more,  // every byte was consumed and the response is not complete yet
    complete,   // the response ended; the accessors below describe it
    error,      // the bytes are not a valid response; error() says why
  };

  enum class Error {
    none,
    bad_status_line,     // not "HTTP/1.x NNN ...", or a status outside 100-599
    bad_header,          // a header line without a colon, whitespace before the colon, line folding
    header_too_large,    // the status line and headers (or the trailers) exceed the limit
    bad_content_length,  // not a decimal number, overflowing, or two different values
    conflicting_length,  // both Content-Length and Transfer-Encoding
    bad_chunk,           // a malformed chunk-size line or chunk terminator
    truncated,           // the connection ended in the middle of a response
    no_response,         // the connection ended before any byte of the response
  };

  struct Result {
    Status status;
    // Bytes of this feed that belong to the response. On complete, bytes past `consumed` were
    // sent after the response (pipelined or stray); the parser does not look at them.
    std::size_t consumed;
  };

  static constexpr std::size_t kDefaultMaxHeaderBytes = 64 * 1024;

  explicit ResponseParser(std::size_t max_header_bytes = kDefaultMaxHeaderBytes);

  // Prepares for the next response. A response to HEAD has no body whatever its headers say.
  void reset(bool head_request);

  // Consumes the next bytes of the response. After complete or error, further feeds return the
  // same status and consume nothing until reset().
  Result feed(const char* data, std::size_t size);

  // The peer closed the connection. Completes a response delimited by the connection's end
  // (no Content-Length, not chunked); anything else unfinished is an error (truncated, or
  // no_response when not a byte of it arrived).
  Status on_eof();

  // Valid once complete (the status code also once the status line has been read).
  int status_code() const { return status_code_; }
  // The connection cannot be reused: "Connection: close", HTTP/1.0 without "keep-alive", or a
  // body that ended with the connection.
  bool server_closes() const;
  // Body bytes seen so far (for chunked bodies, the chunk data without the framing).
  std::uint64_t body_bytes() const { return body_bytes_; }
  Error error() const { return error_; }

 private:
  enum class State : std::uint8_t {
    // The response head: counted against the header limit.
    status_http,  // matching "HTTP/1.x NNN"
    status_after_code,
    status_reason,  // skipping the reason phrase
    status_lf,      // CR seen, LF expected
    header_line_start,
    header_name,
    header_value,  // a value we interpret (Content-Length, Transfer-Encoding, Connection)
    header_skip_value,
    headers_end_lf,
    // The trailers of a chunked body: also counted against the header limit.
    trailer_line_start,
    trailer_skip_line,
    trailer_end_lf,
    // The body.
    body_length,  // Content-Length bytes remain
    body_until_close,
    chunk_size,
    chunk_size_space,  // whitespace after the size, before an extension or the line end
    chunk_extension,
    chunk_size_lf,
    chunk_data,
    chunk_data_cr,  // CRLF after the chunk data expected
    chunk_data_lf,
    done,
    failed,
  };

  // The header fields whose values frame the response (in the order of the name table in
  // response_parser.cc: candidate bit i stands for field i).
  enum class Field : std::uint8_t { content_length, transfer_encoding, connection, other };

  void start_head();
  void step(const char*& p, const char* end);
  void begin_value(int field);
  void start_list_element();
  bool on_value_byte(char c);
  void on_list_element_end();
  bool on_value_end();
  void on_head_end();
  void begin_chunk();
  void on_chunk_size_line_end();
  void fail(Error error);

  std::size_t max_header_bytes_;
  State state_ = State::status_http;
  Error error_ = Error::none;
  bool head_request_ = false;

  // The head read so far.
  std::size_t head_bytes_ = 0;  // status line, headers and trailers, for the limit
  // Bytes seen of "HTTP/1.x NNN", of a header name or of a list token (capped).
  std::uint32_t match_length_ = 0;
  std::uint8_t candidates_ = 0;  // header names or list tokens still matching
  Field field_ = Field::other;
  int status_code_ = 0;
  bool http_1_0_ = false;
  bool content_length_seen_ = false;
  std::uint64_t content_length_ = 0;
  std::uint8_t number_phase_ = 0;  // Content-Length value: 0 before, 1 in, 2 after the digits
  std::uint64_t number_ = 0;
  bool transfer_encoding_seen_ = false;
  bool chunked_ = false;  // the last transfer coding listed is "chunked"
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool element_ended_ = false;  // whitespace after a list element's token: more text is invalid
  bool element_invalid_ = false;

  // The body.
  bool until_close_ = false;
  std::uint64_t remaining_ = 0;  // of the Content-Length body or of the current chunk
  bool chunk_has_digit_ = false;
  std::uint64_t body_bytes_ = 0;
};

}  // namespace faultline::load
