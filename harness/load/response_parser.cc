#include "harness/load/response_parser.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace faultline::load {

namespace {

// Lowercase, in the order of ResponseParser::Field.
constexpr std::array<std::string_view, 3> kFieldNames = {"content-length", "transfer-encoding", "connection"};
constexpr std::array<std::string_view, 1> kTransferCodings = {"chunked"};
constexpr std::array<std::string_view, 2> kConnectionOptions = {"close", "keep-alive"};

// Lengths beyond every name above are all equivalent; capping keeps the counter small.
constexpr std::uint32_t kMatchLengthCap = 64;

// RFC 9110 tchar: the characters of a header name or a token.
constexpr std::array<bool, 256> kTokenChar = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool is_token_char(char c) { return kTokenChar[static_cast<unsigned char>(c)]; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  const char lower = to_lower(c);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

// Moves p past the next LF; false, with p at end, when the line goes on in the next bytes.
bool skip_line(const char*& p, const char* end) {
  const void* lf = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
  p = lf == nullptr ? end : static_cast<const char*>(lf) + 1;
  return lf != nullptr;
}

template <std::size_t N>
constexpr std::uint8_t all_of(const std::array<std::string_view, N>&) {
  return static_cast<std::uint8_t>((1u << N) - 1);
}

// The index of the name equal to [name, name + length) ignoring ASCII case, or -1.
template <std::size_t N>
int named(const char* name, std::size_t length, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i].size() == length &&
        std::equal(name, name + length, names[i].begin(), [](char a, char b) { return to_lower(a) == b; })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Keeps the candidates (bit i: names[i]) whose byte at `position` is c, ignoring ASCII case.
template <std::size_t N>
std::uint8_t narrow(std::uint8_t candidates, const std::array<std::string_view, N>& names, std::uint32_t position,
                    char c) {
  const char lower = to_lower(c);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto bit = static_cast<std::uint8_t>(1u << i);
    if ((candidates & bit) != 0 && (position >= names[i].size() || names[i][position] != lower)) {
      candidates = static_cast<std::uint8_t>(candidates & ~bit);
    }
  }
  return candidates;
}

// The candidate that was matched whole by a token of `length` bytes, or -1.
template <std::size_t N>
int matched(std::uint8_t candidates, const std::array<std::string_view, N>& names, std::uint32_t length) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if ((candidates & (1u << i)) != 0 && names[i].size() == length) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

ResponseParser::ResponseParser(std::size_t max_header_bytes) : max_header_bytes_(max_header_bytes) { reset(false); }

void ResponseParser::reset(bool head_request) {
  start_head();
  error_ = Error::none;
  head_request_ = head_request;
  head_bytes_ = 0;
  until_close_ = false;
  remaining_ = 0;
  chunk_has_digit_ = false;
  body_bytes_ = 0;
}

// Also used after an interim (1xx) response, which is followed by another head.
void ResponseParser::start_head() {
  state_ = State::status_http;
  match_length_ = 0;
  status_code_ = 0;
  http_1_0_ = false;
  content_length_seen_ = false;
  content_length_ = 0;
  transfer_encoding_seen_ = false;
  chunked_ = false;
  connection_close_ = false;
  connection_keep_alive_ = false;
}

bool ResponseParser::server_closes() const {
  return connection_close_ || (http_1_0_ && !connection_keep_alive_) || until_close_;
}

ResponseParser::Result ResponseParser::feed(const char* data, std::size_t size) {
  if (state_ == State::done) return {Status::complete, 0};
  if (state_ == State::failed) return {Status::error, 0};
  const char* p = data;
  const char* const end = data + size;
  while (p != end) {
    const char* const step_start = p;
    const bool in_head = state_ <= State::trailer_end_lf;
    step(p, end);
    if (in_head) {
      head_bytes_ += static_cast<std::size_t>(p - step_start);
      if (head_bytes_ > max_header_bytes_ && state_ != State::failed) fail(Error::header_too_large);
    }
    if (state_ == State::done) return {Status::complete, static_cast<std::size_t>(p - data)};
    if (state_ == State::failed) return {Status::error, static_cast<std::size_t>(p - data)};
  }
  return {Status::need_more, size};
}

ResponseParser::Status ResponseParser::on_eof() {
  switch (state_) {
    case State::done:
      return Status::complete;
    case State::failed:
      return Status::error;
    case State::body_until_close:
      state_ = State::done;
      return Status::complete;
    default:
      fail(state_ == State::status_http && head_bytes_ == 0 ? Error::no_response : Error::truncated);
      return Status::error;
  }
}

void ResponseParser::fail(Error error) {
  state_ = State::failed;
  error_ = error;
}

// Consumes at least one byte of [p, end) (p != end), or ends in done or failed. States that
// usually span many bytes loop here rather than returning to feed() for every byte.
void ResponseParser::step(const char*& p, const char* end) {
  const char c = *p;
  switch (state_) {
    case State::status_http: {
      // "HTTP/1.x NNN", checked a byte at a time against a pattern so that it may be split
      // anywhere; '#' stands for a digit.
      static constexpr std::string_view kPattern = "HTTP/1.# ###";
      for (; p != end && match_length_ < kPattern.size(); ++p, ++match_length_) {
        const char want = kPattern[match_length_];
        if (want == '#' ? !is_digit(*p) : *p != want) return fail(Error::bad_status_line);
        if (match_length_ == 7) http_1_0_ = *p == '0';
        if (match_length_ >= 9) status_code_ = status_code_ * 10 + (*p - '0');
      }
      if (match_length_ < kPattern.size()) return;
      if (status_code_ < 100 || status_code_ > 599) return fail(Error::bad_status_line);
      state_ = State::status_after_code;
      return;
    }
    case State::status_after_code:
      ++p;
      if (c == ' ') {
        state_ = State::status_reason;
      } else if (c == '\r') {
        state_ = State::status_lf;
      } else if (c == '\n') {
        state_ = State::header_line_start;
      } else {
        fail(Error::bad_status_line);
      }
      return;
    case State::status_reason:
      if (skip_line(p, end)) state_ = State::header_line_start;
      return;
    case State::status_lf:
      if (c != '\n') return fail(Error::bad_status_line);
      ++p;
      state_ = State::header_line_start;
      return;

    case State::header_line_start:
      ++p;
      if (c == '\r') {
        state_ = State::headers_end_lf;
      } else if (c == '\n') {
        on_head_end();
      } else if (is_token_char(c)) {
        const char* const name = p - 1;
        const char* const name_end = std::find_if_not(p, end, is_token_char);
        if (name_end != end) {
          // The usual case: the whole name is in these bytes and is compared at once.
          if (*name_end != ':') return fail(Error::bad_header);
          p = name_end + 1;
          return begin_value(named(name, static_cast<std::size_t>(name_end - name), kFieldNames));
        }
        // The name goes on in the next bytes: match it as they come.
        candidates_ = narrow(all_of(kFieldNames), kFieldNames, 0, c);
        match_length_ = 1;
        state_ = State::header_name;
      } else {
        fail(Error::bad_header);  // also obsolete line folding (a line starting with whitespace)
      }
      return;
    case State::header_name:
      for (; p != end; ++p) {
        const char ch = *p;
        if (ch == ':') {
          ++p;
          return begin_value(matched(candidates_, kFieldNames, match_length_));
        }
        if (!is_token_char(ch)) return fail(Error::bad_header);
        if (candidates_ != 0) candidates_ = narrow(candidates_, kFieldNames, match_length_, ch);
        match_length_ += match_length_ < kMatchLengthCap;
      }
      return;
    case State::header_value:
      while (p != end) {
        const char ch = *p++;
        if (ch == '\n') {
          if (on_value_end()) state_ = State::header_line_start;
          return;
        }
        if (!on_value_byte(ch)) return;
      }
      return;
    case State::header_skip_value:
      if (skip_line(p, end)) state_ = State::header_line_start;
      return;
    case State::headers_end_lf:
      if (c != '\n') return fail(Error::bad_header);
      ++p;
      return on_head_end();

    case State::trailer_line_start:
      ++p;
      if (c == '\r') {
        state_ = State::trailer_end_lf;
      } else if (c == '\n') {
        state_ = State::done;
      } else {
        state_ = State::trailer_skip_line;
      }
      return;
    case State::trailer_skip_line:
      if (skip_line(p, end)) state_ = State::trailer_line_start;
      return;
    case State::trailer_end_lf:
      if (c != '\n') return fail(Error::bad_chunk);
      ++p;
      state_ = State::done;
      return;

    case State::body_length:
    case State::chunk_data: {
      const std::uint64_t n = std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(end - p));
      p += n;
      remaining_ -= n;
      body_bytes_ += n;
      if (remaining_ == 0) state_ = state_ == State::body_length ? State::done : State::chunk_data_cr;
      return;
    }
    case State::body_until_close:
      body_bytes_ += static_cast<std::uint64_t>(end - p);
      p = end;
      return;
    case State::chunk_size:
      for (; p != end; ++p) {
        const int digit = hex_value(*p);
        if (digit < 0) break;
        if (remaining_ > (UINT64_MAX >> 4)) return fail(Error::bad_chunk);
        remaining_ = remaining_ << 4 | static_cast<std::uint64_t>(digit);
        chunk_has_digit_ = true;
      }
      if (p == end) return;
      if (!chunk_has_digit_) return fail(Error::bad_chunk);
      [[fallthrough]];
    case State::chunk_size_space: {
      const char ch = *p++;
      if (is_space(ch)) {
        state_ = State::chunk_size_space;
      } else if (ch == ';') {
        state_ = State::chunk_extension;
      } else if (ch == '\r') {
        state_ = State::chunk_size_lf;
      } else if (ch == '\n') {
        on_chunk_size_line_end();
      } else {
        fail(Error::bad_chunk);
      }
      return;
    }
    case State::chunk_extension:
      // Extensions are skipped unread; only the line end matters.
      if (skip_line(p, end)) on_chunk_size_line_end();
      return;
    case State::chunk_size_lf:
      if (c != '\n') return fail(Error::bad_chunk);
      ++p;
      return on_chunk_size_line_end();
    case State::chunk_data_cr:
      ++p;
      if (c == '\r') {
        state_ = State::chunk_data_lf;
      } else if (c == '\n') {
        begin_chunk();
      } else {
        fail(Error::bad_chunk);
      }
      return;
    case State::chunk_data_lf:
      if (c != '\n') return fail(Error::bad_chunk);
      ++p;
      return begin_chunk();

    case State::done:
    case State::failed:
      return;  // feed() never steps in a final state
  }
}

// `field`: an index into kFieldNames, or -1 for a header that does not frame the response.
void ResponseParser::begin_value(int field) {
  if (field < 0) {
    state_ = State::header_skip_value;
    return;
  }
  field_ = static_cast<Field>(field);
  number_phase_ = 0;
  number_ = 0;
  start_list_element();
  state_ = State::header_value;
}

void ResponseParser::start_list_element() {
  candidates_ = field_ == Field::transfer_encoding ? all_of(kTransferCodings) : all_of(kConnectionOptions);
  match_length_ = 0;
  element_ended_ = false;
  element_invalid_ = false;
}

// One byte of a Content-Length, Transfer-Encoding or Connection value (CR counts as trailing
// whitespace; the line ends at LF). False after failing.
bool ResponseParser::on_value_byte(char c) {
  const bool space = is_space(c) || c == '\r';
  if (field_ == Field::content_length) {
    if (space) {
      if (number_phase_ == 1) number_phase_ = 2;
      return true;
    }
    if (is_digit(c) && number_phase_ < 2) {
      const auto digit = static_cast<std::uint64_t>(c - '0');
      if (number_ > (UINT64_MAX - digit) / 10) {
        fail(Error::bad_content_length);
        return false;
      }
      number_ = number_ * 10 + digit;
      number_phase_ = 1;
      return true;
    }
    fail(Error::bad_content_length);
    return false;
  }
  // A comma-separated list of tokens with optional whitespace around each.
  if (c == ',') {
    on_list_element_end();
    return true;
  }
  if (space) {
    element_ended_ = match_length_ > 0;
    return true;
  }
  if (element_ended_ || !is_token_char(c)) {
    element_invalid_ = true;
  } else if (candidates_ != 0) {
    candidates_ = field_ == Field::transfer_encoding ? narrow(candidates_, kTransferCodings, match_length_, c)
                                                     : narrow(candidates_, kConnectionOptions, match_length_, c);
  }
  match_length_ += match_length_ < kMatchLengthCap;
  return true;
}

void ResponseParser::on_list_element_end() {
  if (match_length_ > 0) {  // empty list elements are allowed and ignored
    const int token = element_invalid_                     ? -1
                      : field_ == Field::transfer_encoding ? matched(candidates_, kTransferCodings, match_length_)
                                                           : matched(candidates_, kConnectionOptions, match_length_);
    if (field_ == Field::transfer_encoding) {
      chunked_ = token == 0;  // only the last coding decides how the body is framed
    } else if (token == 0) {
      connection_close_ = true;
    } else if (token == 1) {
      connection_keep_alive_ = true;
    }
  }
  start_list_element();
}

bool ResponseParser::on_value_end() {
  if (field_ == Field::content_length) {
    // Repeating the same length is allowed (RFC 9110 8.6); two different lengths are not.
    if (number_phase_ == 0 || (content_length_seen_ && content_length_ != number_)) {
      fail(Error::bad_content_length);
      return false;
    }
    content_length_seen_ = true;
    content_length_ = number_;
    return true;
  }
  on_list_element_end();
  if (field_ == Field::transfer_encoding) transfer_encoding_seen_ = true;
  return true;
}

// How the body is delimited, in the order of RFC 9112 section 6.3.
void ResponseParser::on_head_end() {
  if (status_code_ < 200) return start_head();  // interim response: the real one follows
  if (head_request_ || status_code_ == 204 || status_code_ == 304) {
    state_ = State::done;
    return;
  }
  if (transfer_encoding_seen_) {
    if (content_length_seen_) return fail(Error::conflicting_length);
    if (chunked_) return begin_chunk();
    until_close_ = true;  // a coding other than chunked last: the body ends with the connection
    state_ = State::body_until_close;
    return;
  }
  if (content_length_seen_) {
    remaining_ = content_length_;
    state_ = remaining_ == 0 ? State::done : State::body_length;
    return;
  }
  until_close_ = true;
  state_ = State::body_until_close;
}

void ResponseParser::begin_chunk() {
  remaining_ = 0;
  chunk_has_digit_ = false;
  state_ = State::chunk_size;
}

void ResponseParser::on_chunk_size_line_end() {
  state_ = remaining_ == 0 ? State::trailer_line_start : State::chunk_data;
}

}  // namespace faultline::load
