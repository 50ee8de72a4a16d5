#include "harness/scenario/json_reader.h"

#include <algorithm>
#include <cstdio>

#include "harness/scenario/did_you_mean.h"
#include "harness/scenario/json_pointer.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

// 0 rather than 0.000000 in messages.
std::string format_number(double number) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", number);
  return text;
}

constexpr std::size_t kMaxDescribedLength = 60;

std::string integer_expectation(std::int64_t min) {
  return "expected an integer >= " + std::to_string(min);
}

}  // namespace

std::string describe_json_value(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', /*ensure_ascii=*/false,
                                nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxDescribedLength) {
    // Cut before a UTF-8 continuation byte, never inside a character.
    std::size_t cut = kMaxDescribedLength - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

ObjectReader::ObjectReader(const nlohmann::json* value, std::string path, IssueCollector& issues,
                           const std::vector<std::string_view>& allowed_keys,
                           const std::vector<MisplacedKey>& misplaced_keys)
    : object_(nullptr), path_(std::move(path)), issues_(&issues) {
  if (value == nullptr) return;
  if (!value->is_object()) {
    report_here("expected an object, got " + describe_json_value(*value));
    return;
  }
  object_ = value;
  for (const auto& item : value->items()) {
    const std::string& key = item.key();
    if (std::find(allowed_keys.begin(), allowed_keys.end(), key) != allowed_keys.end()) continue;
    const auto misplaced = std::find_if(misplaced_keys.begin(), misplaced_keys.end(),
                                        [&key](const MisplacedKey& m) { return m.key == key; });
    std::string message = "unknown field";
    if (misplaced != misplaced_keys.end()) {
      message += "; " + std::string(misplaced->hint);
    } else if (const auto suggestion = did_you_mean(key, allowed_keys)) {
      message += "; did you mean \"" + *suggestion + "\"?";
    }
    report(key, std::move(message));
  }
}

std::string ObjectReader::path_of(std::string_view key) const {
  return json_pointer_append(path_, key);
}

const nlohmann::json* ObjectReader::find(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

void ObjectReader::report(std::string_view key, std::string message) const {
  issues_->add(path_of(key), std::move(message));
}

void ObjectReader::report_here(std::string message) const {
  issues_->add(path_, std::move(message));
}

bool ObjectReader::report_if_missing(std::string_view key) const {
  if (object_ == nullptr || find(key) != nullptr) return false;
  report(key, "missing required field");
  return true;
}

const nlohmann::json* ObjectReader::lookup(std::string_view key, Presence presence) const {
  if (presence == Presence::required && report_if_missing(key)) return nullptr;
  return find(key);
}

std::optional<std::string> ObjectReader::string(std::string_view key, Presence presence) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    report(key, "expected a string, got " + describe_json_value(*value));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Presence presence) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    report(key, "expected true or false, got " + describe_json_value(*value));
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Presence presence,
                                                  std::int64_t min, std::int64_t max) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  const std::string got = ", got " + describe_json_value(*value);
  if (!value->is_number_integer()) {
    report(key, integer_expectation(min) + got);
    return std::nullopt;
  }
  // Above INT64_MAX nlohmann stores the number unsigned; it is above every max we use.
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    report(key, "expected an integer <= " + std::to_string(max) + got);
    return std::nullopt;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min) {
    report(key, integer_expectation(min) + got);
    return std::nullopt;
  }
  if (number > max) {
    report(key, "expected an integer <= " + std::to_string(max) + got);
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> ObjectReader::one_of(std::string_view key, Presence presence,
                                                const std::vector<std::string_view>& allowed) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_string() &&
      std::find(allowed.begin(), allowed.end(), value->get<std::string>()) != allowed.end()) {
    return value->get<std::string>();
  }
  std::string message = "expected one of ";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    message += (i == 0 ? "\"" : ", \"") + std::string(allowed[i]) + "\"";
  }
  message += ", got " + describe_json_value(*value);
  if (value->is_string()) {
    if (const auto suggestion = did_you_mean(value->get<std::string>(), allowed)) {
      message += "; did you mean \"" + *suggestion + "\"?";
    }
  }
  report(key, std::move(message));
  return std::nullopt;
}

std::optional<Duration> ObjectReader::duration(std::string_view key, Presence presence,
                                               ZeroDuration zero) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    report(key, "expected a duration like \"250ms\", got " + describe_json_value(*value));
    return std::nullopt;
  }
  const ParseResult<Duration> parsed = parse_duration(value->get<std::string>());
  if (!parsed) {
    report(key, parsed.error());
    return std::nullopt;
  }
  if (zero == ZeroDuration::rejected && *parsed == Duration::zero()) {
    report(key, "expected a duration > 0, got " + describe_json_value(*value));
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::uint64_t> ObjectReader::size(std::string_view key, Presence presence) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    report(key, "expected a size like \"256MiB\", got " + describe_json_value(*value));
    return std::nullopt;
  }
  const ParseResult<std::uint64_t> parsed = parse_size(value->get<std::string>());
  if (!parsed) {
    report(key, parsed.error());
    return std::nullopt;
  }
  if (*parsed == 0) {
    report(key, "expected a size > 0, got " + describe_json_value(*value));
    return std::nullopt;
  }
  return *parsed;
}

std::optional<double> ObjectReader::number(std::string_view key, Presence presence, double exclusive_min,
                                           double max) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  const std::string expected = "expected a number > " + format_number(exclusive_min) + " and <= " + format_number(max);
  if (!value->is_number() || !(value->get<double>() > exclusive_min) || value->get<double>() > max) {
    report(key, expected + ", got " + describe_json_value(*value));
    return std::nullopt;
  }
  return value->get<double>();
}

std::optional<std::vector<LocatedValue>> ObjectReader::non_empty_array(std::string_view key,
                                                                       Presence presence) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->empty()) {
    report(key, "expected a non-empty array, got " + describe_json_value(*value));
    return std::nullopt;
  }
  std::vector<LocatedValue> elements;
  for (std::size_t i = 0; i < value->size(); ++i) {
    elements.push_back(LocatedValue{&(*value)[i], json_pointer_append(path_of(key), i)});
  }
  return elements;
}

std::optional<std::vector<StringMember>> ObjectReader::string_map(std::string_view key,
                                                                  Presence presence) const {
  const nlohmann::json* value = lookup(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    report(key, "expected an object of strings, got " + describe_json_value(*value));
    return std::nullopt;
  }
  std::vector<StringMember> members;
  for (const auto& [name, member] : value->items()) {
    std::string path = json_pointer_append(path_of(key), name);
    if (!member.is_string()) {
      issues_->add(std::move(path), "expected a string, got " + describe_json_value(member));
      continue;
    }
    members.push_back(StringMember{name, member.get<std::string>(), std::move(path)});
  }
  return members;
}

ObjectReader ObjectReader::object(std::string_view key, Presence presence,
                                  const std::vector<std::string_view>& allowed_keys,
                                  const std::vector<MisplacedKey>& misplaced_keys) const {
  return ObjectReader(lookup(key, presence), path_of(key), *issues_, allowed_keys, misplaced_keys);
}

}  // namespace faultline::scenario
