// Walks one JSON object of a scenario file with typed getters that record an issue at the
// field's JSON pointer instead of throwing, so that one pass reports every problem in the file.
// The allowed keys are declared up front: any other key is reported as unknown, with a
// suggestion when it looks like a typo of an allowed one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/scenario/scenario.h"
#include "harness/scenario/scenario_error.h"

namespace faultline::scenario {

enum class Presence { optional, required };

enum class ZeroDuration { allowed, rejected };

// A key that is not allowed in this object but that users will plausibly put there; `hint` says
// where it belongs, which helps more than a spelling suggestion.
struct MisplacedKey {
  std::string_view key;
  std::string_view hint;
};

// An element of an array or a member of an object, with its JSON pointer.
struct LocatedValue {
  const nlohmann::json* value;
  std::string path;
};

// A member of an object whose values are all strings (headers, env).
struct StringMember {
  std::string name;
  std::string value;
  std::string path;  // JSON pointer of the value
};

// A JSON value as it appears after "got" in a message: compact JSON, shortened when long.
std::string describe_json_value(const nlohmann::json& value);

class ObjectReader {
 public:
  // `value` null stands for an optional object that is absent: the reader is then unusable and
  // every getter returns nullopt without recording anything (not even missing required fields).
  // A value that is not an object is reported once, and the reader is unusable likewise.
  ObjectReader(const nlohmann::json* value, std::string path, IssueCollector& issues,
               const std::vector<std::string_view>& allowed_keys,
               const std::vector<MisplacedKey>& misplaced_keys = {});

  bool usable() const { return object_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const;

  // The raw value of `key`; nullptr when absent or when the reader is unusable.
  const nlohmann::json* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }

  // Records an issue at the pointer of `key` (or of this object, for report_here).
  void report(std::string_view key, std::string message) const;
  void report_here(std::string message) const;
  // Records "missing required field" at `key` when the reader is usable and the key is absent;
  // returns whether it did.
  bool report_if_missing(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, Presence presence) const;
  std::optional<bool> boolean(std::string_view key, Presence presence) const;
  // An integer in [min, max]; a float such as 16.0 or 16.5 is a wrong type, not rounded.
  std::optional<std::int64_t> integer(std::string_view key, Presence presence, std::int64_t min,
                                      std::int64_t max) const;
  // A string that must be one of `allowed` (an enum), with a suggestion when it is close to one.
  std::optional<std::string> one_of(std::string_view key, Presence presence,
                                    const std::vector<std::string_view>& allowed) const;
  std::optional<Duration> duration(std::string_view key, Presence presence, ZeroDuration zero) const;
  // A byte size written as a string ("256MiB"), greater than zero.
  std::optional<std::uint64_t> size(std::string_view key, Presence presence) const;
  // A number (integer or not) in (exclusive_min, max].
  std::optional<double> number(std::string_view key, Presence presence, double exclusive_min, double max) const;
  // The elements of an array; an empty array is reported ("expected a non-empty array").
  std::optional<std::vector<LocatedValue>> non_empty_array(std::string_view key,
                                                           Presence presence) const;
  // An object whose values are all strings, such as headers or env, sorted by name. Members
  // that are not strings are reported and left out.
  std::optional<std::vector<StringMember>> string_map(std::string_view key,
                                                      Presence presence) const;

  ObjectReader object(std::string_view key, Presence presence,
                      const std::vector<std::string_view>& allowed_keys,
                      const std::vector<MisplacedKey>& misplaced_keys = {}) const;

  IssueCollector& issues() const { return *issues_; }

 private:
  // The value of `key`, or nullptr after reporting it missing (if required).
  const nlohmann::json* lookup(std::string_view key, Presence presence) const;

  const nlohmann::json* object_;
  std::string path_;
  IssueCollector* issues_;
};

}  // namespace faultline::scenario
