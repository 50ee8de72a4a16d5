#include "harness/scenario/parse_result.h"
#include "harness/scenario/toxic_parser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario/did_you_mean.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

using scenario::ParseFailure;
using scenario::ParseResult;

// The attributes each toxic takes, in the order messages list them (common ones last).
constexpr std::array<std::string_view, 4> kLatencyAttributes{"latency", "jitter", "direction", "toxicity"};
constexpr std::array<std::string_view, 3> kBandwidthAttributes{"rate", "direction", "toxicity"};
constexpr std::array<std::string_view, 3> kSlowCloseAttributes{"delay", "direction", "toxicity"};
constexpr std::array<std::string_view, 3> kTimeoutAttributes{"timeout", "direction", "toxicity"};
constexpr std::array<std::string_view, 5> kSlicerAttributes{"average_size", "size_variation", "delay", "direction",
                                                            "toxicity"};
constexpr std::array<std::string_view, 3> kLimitDataAttributes{"bytes", "direction", "toxicity"};

struct ToxicGrammar {
  std::string_view name;
  std::span<const std::string_view> attributes;
};

// In the order of toxic_names().
constexpr std::array<ToxicGrammar, 8> kGrammars{{
    {"latency", kLatencyAttributes},
    {"bandwidth", kBandwidthAttributes},
    {"slow_close", kSlowCloseAttributes},
    {"timeout", kTimeoutAttributes},
    {"reset_peer", kTimeoutAttributes},
    {"slicer", kSlicerAttributes},
    {"limit_data", kLimitDataAttributes},
    {"down", {}},
}};

const ToxicGrammar* find_grammar(std::string_view name) {
  for (const ToxicGrammar& grammar : kGrammars) {
    if (grammar.name == name) return &grammar;
  }
  return nullptr;
}

std::string join(std::span<const std::string_view> words) {
  std::string text;
  for (std::string_view word : words) {
    if (!text.empty()) text += ", ";
    text += word;
  }
  return text;
}


std::string suggestion(std::string_view word, std::span<const std::string_view> candidates) {
  const auto best = scenario::did_you_mean(word, std::vector<std::string_view>(candidates.begin(), candidates.end()));
  return best ? " (did you mean " + in_quotes(*best) + "?)" : "";
}

// The attributes as written, checked against the toxic's grammar; values are read later by
// the toxic's own builder.
class Attributes {
 public:
  explicit Attributes(std::string_view toxic) : toxic_(toxic) {}

  std::optional<std::string> add(std::string_view name, std::string_view value, const ToxicGrammar& grammar) {
    if (grammar.attributes.empty()) {
      return std::string(toxic_) + " takes no attributes, got " + in_quotes(name);
    }
    if (std::find(grammar.attributes.begin(), grammar.attributes.end(), name) == grammar.attributes.end()) {
      return std::string(toxic_) + ": unknown attribute " + in_quotes(name) + suggestion(name, grammar.attributes) +
             "; " + std::string(toxic_) + " takes " + join(grammar.attributes);
    }
    if (find(name) != nullptr) return std::string(toxic_) + ": " + std::string(name) + " is given twice";
    values_.emplace_back(name, value);
    return std::nullopt;
  }

  const std::string_view* find(std::string_view name) const {
    for (const auto& [attribute, value] : values_) {
      if (attribute == name) return &value;
    }
    return nullptr;
  }

  // "latency: jitter: <message>"
  ParseFailure failure(std::string_view attribute, const std::string& message) const {
    return ParseFailure{std::string(toxic_) + ": " + std::string(attribute) + ": " + message};
  }

  ParseFailure missing(std::string_view attribute, std::string_view example) const {
    return ParseFailure{std::string(toxic_) + ": " + std::string(attribute) + " is required (" +
                        std::string(example) + ")"};
  }

 private:
  std::string_view toxic_;
  std::vector<std::pair<std::string_view, std::string_view>> values_;
};

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ParseResult<Duration> read_duration(std::string_view text) {
  if (text == "0") return Duration::zero();
  return scenario::parse_duration(text);
}

ParseResult<std::uint64_t> read_bytes(std::string_view text) {
  if (all_digits(text)) {
    std::uint64_t bytes = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), bytes);
    if (error == std::errc{} && end == text.data() + text.size()) return bytes;
    return ParseFailure{"expected a number of bytes like \"1000\" or a size like \"64KiB\", got " +
                        in_quotes(text) + " (too large)"};
  }
  const auto size = scenario::parse_size(text);
  if (size) return *size;
  return ParseFailure{"expected a number of bytes like \"1000\" or a size like \"64KiB\", got " + in_quotes(text)};
}

ParseResult<std::uint64_t> read_rate(std::string_view text) {
  const std::string expected = "expected a rate in KB/s like \"100\" (Toxiproxy's unit, 1 KB = 1000 bytes) "
                               "or a size per second like \"64KiB\", got " + in_quotes(text);
  std::uint64_t bytes_per_s = 0;
  if (all_digits(text)) {
    std::uint64_t kilobytes = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), kilobytes);
    if (error != std::errc{} || kilobytes > std::numeric_limits<std::uint64_t>::max() / 1000) {
      return ParseFailure{expected + " (too large)"};
    }
    bytes_per_s = kilobytes * 1000;
  } else {
    std::string_view size_text = text;
    if (size_text.ends_with("/s")) size_text.remove_suffix(2);
    const auto size = scenario::parse_size(size_text);
    if (!size) return ParseFailure{expected};
    bytes_per_s = *size;
  }
  if (bytes_per_s == 0) return ParseFailure{expected + " (a rate must be above zero)"};
  return bytes_per_s;
}

ParseResult<double> read_toxicity(std::string_view text) {
  const std::string expected = "expected a probability from 0 to 1 like \"0.5\" or a percentage like \"50%\", got " +
                               in_quotes(text);
  double value = 0;
  if (text.ends_with('%')) {
    const auto percent = scenario::parse_percent(text);
    if (!percent) return ParseFailure{expected};
    value = *percent;
  } else {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return ParseFailure{expected};
  }
  if (!(value >= 0.0 && value <= 1.0)) return ParseFailure{expected + " (outside 0 to 1)"};
  return value;
}

ParseResult<Direction> read_direction(std::string_view text) {
  constexpr std::array<std::string_view, 3> kNames{"downstream", "upstream", "both"};
  if (text == "upstream") return Direction::upstream;
  if (text == "downstream") return Direction::downstream;
  if (text == "both") return Direction::both;
  return ParseFailure{"expected upstream, downstream or both, got " + in_quotes(text) + suggestion(text, kNames)};
}

// Reads attribute `name` with `reader` into `target`; an absent attribute leaves `target` as it
// is unless `example` is set, which makes it required.
template <typename T, typename Reader>
std::optional<ParseFailure> read(const Attributes& attributes, std::string_view name, Reader reader, T& target,
                                 std::string_view required_example = {}) {
  const std::string_view* text = attributes.find(name);
  if (text == nullptr) {
    if (!required_example.empty()) return attributes.missing(name, required_example);
    return std::nullopt;
  }
  auto value = reader(*text);
  if (!value) return attributes.failure(name, value.error());
  target = *value;
  return std::nullopt;
}

constexpr std::string_view kDurationExample = "a duration like \"100ms\"";
constexpr std::string_view kBytesExample = "a number of bytes like \"1000\" or a size like \"64KiB\"";

// The typed toxic named `name` from its attributes.
ParseResult<Toxic> build_kind(std::string_view name, const Attributes& attributes) {
  std::optional<ParseFailure> failure;
  if (name == "latency") {
    LatencyToxic toxic;
    if ((failure = read(attributes, "latency", read_duration, toxic.latency, kDurationExample))) return *failure;
    if ((failure = read(attributes, "jitter", read_duration, toxic.jitter))) return *failure;
    return Toxic{toxic};
  }
  if (name == "bandwidth") {
    BandwidthToxic toxic;
    if ((failure = read(attributes, "rate", read_rate, toxic.rate_bytes_per_s,
                        "a rate in KB/s like \"100\" or a size per second like \"64KiB\""))) {
      return *failure;
    }
    return Toxic{toxic};
  }
  if (name == "slow_close") {
    SlowCloseToxic toxic;
    if ((failure = read(attributes, "delay", read_duration, toxic.delay, kDurationExample))) return *failure;
    return Toxic{toxic};
  }
  if (name == "timeout") {
    TimeoutToxic toxic;
    if ((failure = read(attributes, "timeout", read_duration, toxic.timeout,
                        "a duration like \"5s\", or 0 to hold the data without closing"))) {
      return *failure;
    }
    return Toxic{toxic};
  }
  if (name == "reset_peer") {
    ResetPeerToxic toxic;
    if ((failure = read(attributes, "timeout", read_duration, toxic.timeout))) return *failure;
    return Toxic{toxic};
  }
  if (name == "slicer") {
    SlicerToxic toxic;
    if ((failure = read(attributes, "average_size", read_bytes, toxic.average_size_bytes, kBytesExample))) {
      return *failure;
    }
    if ((failure = read(attributes, "size_variation", read_bytes, toxic.size_variation_bytes))) return *failure;
    if ((failure = read(attributes, "delay", read_duration, toxic.delay))) return *failure;
    return Toxic{toxic};
  }
  if (name == "limit_data") {
    LimitDataToxic toxic;
    if ((failure = read(attributes, "bytes", read_bytes, toxic.bytes, kBytesExample))) return *failure;
    return Toxic{toxic};
  }
  return Toxic{DownToxic{}};
}

}  // namespace

std::optional<std::span<const std::string_view>> toxic_attributes(std::string_view toxic) {
  const ToxicGrammar* grammar = find_grammar(toxic);
  if (grammar == nullptr) return std::nullopt;
  return grammar->attributes;
}

ParseResult<ToxicSpec> build_toxic(std::string_view toxic,
                                   std::span<const std::pair<std::string_view, std::string_view>> attributes) {
  const ToxicGrammar* grammar = find_grammar(toxic);
  if (grammar == nullptr) {
    return ParseFailure{"unknown toxic " + in_quotes(toxic) + suggestion(toxic, toxic_names()) + "; the toxics are " +
                        join(toxic_names())};
  }
  Attributes checked(toxic);
  for (const auto& [name, value] : attributes) {
    if (auto problem = checked.add(name, value, *grammar)) return ParseFailure{std::move(*problem)};
  }
  auto kind = build_kind(toxic, checked);
  if (!kind) return ParseFailure{kind.error()};
  ToxicSpec spec{*kind};
  if (auto failure = read(checked, "direction", read_direction, spec.direction)) return *failure;
  if (auto failure = read(checked, "toxicity", read_toxicity, spec.toxicity)) return *failure;
  if (auto problem = check_toxic(spec)) return ParseFailure{std::move(*problem)};
  return spec;
}

ParseResult<ToxicSpec> parse_toxic(std::string_view text) {
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  if (name.empty()) return ParseFailure{"expected a toxic like \"latency:latency=100ms\", got " + in_quotes(text)};
  if (!toxic_attributes(name)) return build_toxic(name, {});  // says that the toxic is unknown

  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  // "latency:" has an empty attribute list; "latency:a=1," has an empty last attribute.
  if (colon != std::string_view::npos && colon + 1 < text.size()) {
    std::string_view rest = text.substr(colon + 1);
    for (;;) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = rest.substr(0, comma);
      const std::size_t equals = item.find('=');
      if (equals == std::string_view::npos || equals == 0) {
        return ParseFailure{std::string(name) + ": expected attribute=value, got " + in_quotes(item)};
      }
      attributes.emplace_back(item.substr(0, equals), item.substr(equals + 1));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  return build_toxic(name, attributes);
}

}  // namespace faultline::scenario
