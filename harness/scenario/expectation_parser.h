// The text of `expect` entries and `abort` conditions (issue 5), parsed into typed values:
//   METRIC OP VALUE [during steady | during fault N | after recovery]
//   METRIC OP VALUE for DURATION
// Parsing only: whether METRIC exists, and whether VALUE is in its unit, is the metric
// catalogue's question (metric_catalogue.h). Lives with the scenario because a scenario's
// "expect" holds these typed values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace faultline::scenario {

enum class CompareOp { less, less_equal, greater, greater_equal, equal, not_equal };
std::string to_string(CompareOp op);  // "<", "<=", ...

// observed OP threshold.
bool holds(CompareOp op, double observed, double threshold);

// A threshold in the base unit of its kind, so it compares directly with a metric in that unit.
struct Threshold {
  enum class Kind {
    number,    // "0", "2.5", "-1": as written
    duration,  // "250ms", "1m30s": value in seconds
    size,      // "64MiB": value in bytes
    fraction,  // "1%": value as a fraction (0.01)
  };
  Kind kind = Kind::number;
  double value = 0;
  std::string text;  // as written, for messages

  friend bool operator==(const Threshold&, const Threshold&) = default;
};

// Where in the run an expectation is checked.
struct Scope {
  enum class Kind {
    whole_run,       // no qualifier
    steady,          // "during steady"
    fault,           // "during fault N"
    after_recovery,  // "after recovery"
  };
  Kind kind = Kind::whole_run;
  std::size_t fault_index = 0;  // for Kind::fault: 0-based; the text counts from 1 like the reports (#1)

  friend bool operator==(const Scope&, const Scope&) = default;
};

// "during steady", "during fault 2", "after recovery"; "" for the whole run.
std::string to_string(const Scope& scope);

struct Expectation {
  std::string text;  // the whole expectation as written, for messages and to write it back
  std::string metric;
  CompareOp op = CompareOp::less;
  Threshold threshold;
  Scope scope;

  friend bool operator==(const Expectation&, const Expectation&) = default;
};

struct AbortCondition {
  std::string text;  // the whole condition as written, for messages and to write it back
  std::string metric;
  CompareOp op = CompareOp::less;
  Threshold threshold;
  double for_s = 0;  // how long the condition must hold without a break, seconds (> 0)

  friend bool operator==(const AbortCondition&, const AbortCondition&) = default;
};

// What is wrong and where: `offset` is the 0-based index of the character at fault in the
// text (its length for "ended too early").
struct ExpressionError {
  std::size_t offset = 0;
  std::string message;
};

// "at character 13: expected ..." (1-based, as an editor counts columns).
std::string to_string(const ExpressionError& error);

template <typename T>
struct ExpressionParse {
  std::optional<T> value;
  ExpressionError error;  // when value is empty
  explicit operator bool() const { return value.has_value(); }
};

ExpressionParse<Expectation> parse_expectation(std::string_view text);
ExpressionParse<AbortCondition> parse_abort_condition(std::string_view text);

// VALUE alone: a number, a duration, a size or a percentage (see Threshold).
ExpressionParse<Threshold> parse_threshold(std::string_view text);

}  // namespace faultline::scenario
