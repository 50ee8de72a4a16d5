// The event stream format of Server-Sent Events (WHATWG HTML, "Interpreting an event stream"),
// parsed as its bytes arrive, however they are split: lines end with CRLF, LF or CR; a line
// starting with a colon is a comment; `data`, `event`, `id` and `retry` fields build an event,
// and an empty line dispatches it. Bounded: a line, or the data of one event, longer than the
// limit ends the parse, so a target cannot make a client buffer without end.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace faultline::load {

struct SseEvent {
  std::string_view type;  // the `event` field; "message" when the event had none
  std::string_view data;  // its `data` fields joined by LF
  // The last event id: set by an `id` field, it stays for later events until another one.
  std::string_view id;
  bool has_own_id = false;  // this event's own lines set `id` (an inherited id proves nothing new)
};

// Receives what the parser finds; views are valid during the call only.
class SseStreamHandler {
 public:
  virtual void on_event(const SseEvent& event) = 0;

 protected:
  ~SseStreamHandler() = default;
};

class SseStreamParser {
 public:
  // `max_line_bytes` bounds a line (without its end) and the data of one event.
  explicit SseStreamParser(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  // Parses the next bytes of the stream, calling `handler` for each event they complete. false
  // once a line or an event's data outgrew the limit: the stream is broken and nothing more is
  // parsed (every later call returns false).
  [[nodiscard]] bool feed(std::string_view bytes, SseStreamHandler& handler);

  // The reconnection time the stream asked for with `retry`, if it did.
  std::optional<std::chrono::milliseconds> reconnection_time() const { return reconnection_time_; }

 private:
  void process_line(std::string_view line, SseStreamHandler& handler);
  void process_field(std::string_view field, std::string_view value);
  void dispatch(SseStreamHandler& handler);

  std::size_t max_line_bytes_;
  std::string partial_line_;  // the start of a line that a later feed completes
  std::string data_;          // the event's data, each line followed by LF
  std::string type_;
  std::string last_id_;
  bool has_own_id_ = false;
  bool after_cr_ = false;    // the last byte fed ended a line with CR: an LF first thing belongs to it
  bool first_line_ = true;   // a byte order mark may start it
  bool broken_ = false;
  std::optional<std::chrono::milliseconds> reconnection_time_;
};

}  // namespace faultline::load
