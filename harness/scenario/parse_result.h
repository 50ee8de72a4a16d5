// The outcome of reading one value from text: the value, or a message saying what was expected.
// Shaped like C++23 std::expected<T, std::string> (which GCC 12 lacks) so callers can switch later.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace faultline::scenario {

// The failure side of a ParseResult; `message` reads like `expected a duration like "250ms",
// got "2 s"`, without a file or path (the caller knows where the text came from).
struct ParseFailure {
  std::string message;
};

template <typename T>
class ParseResult {
 public:
  ParseResult(T value) : value_(std::move(value)) {}                    // NOLINT: implicit like std::expected
  ParseResult(ParseFailure failure) : error_(std::move(failure.message)) {}  // NOLINT

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  // Throws std::bad_optional_access on a failure: reading it is a bug in the caller.
  const T& value() const { return value_.value(); }
  const T& operator*() const { return value_.value(); }
  const T* operator->() const { return &value_.value(); }

  // Empty when has_value().
  const std::string& error() const { return error_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

// `text` in double quotes, as messages show what was written: "2 s".
inline std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace faultline::scenario
