#include "harness/load/publish_time.h"

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace faultline::load {

namespace {

// A SAX handler that stops the parse at the value of one top-level member.
class TopLevelInteger {
 public:
  using json = nlohmann::json;

  explicit TopLevelInteger(std::string_view key) : key_(key) {}

  std::optional<std::int64_t> value() const { return value_; }

  bool key(std::string& name) {
    at_key_ = depth_ == 1 && name == key_;
    return true;
  }
  bool number_integer(json::number_integer_t number) { return found(number); }
  bool number_unsigned(json::number_unsigned_t number) {
    if (number > static_cast<json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) return other_value();
    return found(static_cast<std::int64_t>(number));
  }
  bool start_object(std::size_t) { return enter(); }
  bool start_array(std::size_t) {
    // The top level must be an object.
    return depth_ > 0 && enter();
  }
  bool end_object() { return leave(); }
  bool end_array() { return leave(); }
  bool null() { return other_value(); }
  bool boolean(bool) { return other_value(); }
  bool number_float(json::number_float_t, const std::string&) { return other_value(); }
  bool string(std::string&) { return other_value(); }
  bool binary(json::binary_t&) { return other_value(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  // Returning false ends the parse: the member was reached, whatever its value.
  bool found(std::int64_t number) {
    if (!at_key_) return depth_ > 0;
    value_ = number;
    return false;
  }
  bool other_value() { return !at_key_ && depth_ > 0; }
  bool enter() {
    if (at_key_) return false;  // the member holds an object or an array
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }

  std::string_view key_;
  std::size_t depth_ = 0;
  bool at_key_ = false;  // the next value is the member's
  std::optional<std::int64_t> value_;
};

}  // namespace

std::int64_t unix_time_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::chrono::nanoseconds delivery_latency(std::int64_t published_unix_ns) {
  return std::chrono::nanoseconds(unix_time_ns() - published_unix_ns);
}

std::optional<std::int64_t> trailing_time_ns(std::string_view text) {
  const std::string_view field = text.substr(text.rfind(' ') + 1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc{} || end != field.data() + field.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> json_time_ns(std::string_view json, std::string_view key) {
  TopLevelInteger handler(key);
  nlohmann::json::sax_parse(json.begin(), json.end(), &handler);
  return handler.value();
}

}  // namespace faultline::load
