#include "harness/load/sse_stream_parser.h"

#include <charconv>
#include <cstdint>

namespace faultline::load {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

bool SseStreamParser::feed(std::string_view bytes, SseStreamHandler& handler) {
  while (!bytes.empty() && !broken_) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    const std::size_t end = bytes.find_first_of("\r\n");
    const std::string_view piece = bytes.substr(0, end);
    if (partial_line_.size() + piece.size() > max_line_bytes_) {
      broken_ = true;
      break;
    }
    if (end == std::string_view::npos) {
      partial_line_.append(piece);
      break;
    }
    after_cr_ = bytes[end] == '\r';
    bytes.remove_prefix(end + 1);
    if (partial_line_.empty()) {
      process_line(piece, handler);  // the common case: the whole line is in this feed
    } else {
      partial_line_.append(piece);
      process_line(partial_line_, handler);
      partial_line_.clear();
    }
  }
  return !broken_;
}

void SseStreamParser::process_line(std::string_view line, SseStreamHandler& handler) {
  if (first_line_) {
    first_line_ = false;
    // It holds neither CR nor LF, so it always lands in the first line, however split.
    if (line.starts_with(kByteOrderMark)) line.remove_prefix(kByteOrderMark.size());
  }
  if (line.empty()) {
    dispatch(handler);
    return;
  }
  if (line.front() == ':') return;  // a comment, such as a heartbeat
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    process_field(line, {});
    return;
  }
  std::string_view value = line.substr(colon + 1);
  if (value.starts_with(' ')) value.remove_prefix(1);
  process_field(line.substr(0, colon), value);
}

void SseStreamParser::process_field(std::string_view field, std::string_view value) {
  if (field == "data") {
    if (data_.size() + value.size() + 1 > max_line_bytes_) {
      broken_ = true;
      return;
    }
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "event") {
    type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') != std::string_view::npos) return;  // ignored, as the spec says
    last_id_.assign(value);
    has_own_id_ = true;
  } else if (field == "retry") {
    // ASCII digits only; anything else, or a number too large, is ignored.
    std::int64_t ms = 0;
    const char* const last = value.data() + value.size();
    if (value.empty() || value.front() < '0' || value.front() > '9') return;
    const auto [end, error] = std::from_chars(value.data(), last, ms);
    if (error == std::errc{} && end == last) reconnection_time_ = std::chrono::milliseconds(ms);
  }
  // Any other field is ignored.
}

void SseStreamParser::dispatch(SseStreamHandler& handler) {
  if (!data_.empty()) {
    const std::string_view data(data_.data(), data_.size() - 1);  // without the last LF
    handler.on_event(SseEvent{type_.empty() ? std::string_view("message") : std::string_view(type_), data, last_id_,
                              has_own_id_});
  }
  data_.clear();
  type_.clear();
  has_own_id_ = false;
}

}  // namespace faultline::load
