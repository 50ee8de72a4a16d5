#include "harness/scenario/toxic.h"

#include <array>
#include <charconv>

#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

constexpr std::array<std::string_view, 8> kToxicNames{
    "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data", "down"};

// Keeps the attribute list readable: ",name=value" for each attribute written.
struct AttributeWriter {
  std::string text;
  void add(std::string_view name, std::string_view value) {
    text += text.empty() ? "" : ",";
    text += name;
    text += '=';
    text += value;
  }
};

std::string format_number(double value) {
  std::array<char, 32> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  return std::string(digits.data(), end);
}

// Toxiproxy's unit when it is exact (a bare number of KB/s), else bytes per second.
std::string format_rate(std::uint64_t bytes_per_s) {
  if (bytes_per_s % 1000 == 0) return std::to_string(bytes_per_s / 1000);
  return std::to_string(bytes_per_s) + "B";
}

void write_attributes(AttributeWriter& out, const LatencyToxic& toxic) {
  out.add("latency", format_duration(toxic.latency));
  if (toxic.jitter != Duration::zero()) out.add("jitter", format_duration(toxic.jitter));
}
void write_attributes(AttributeWriter& out, const BandwidthToxic& toxic) {
  out.add("rate", format_rate(toxic.rate_bytes_per_s));
}
void write_attributes(AttributeWriter& out, const SlowCloseToxic& toxic) {
  out.add("delay", format_duration(toxic.delay));
}
void write_attributes(AttributeWriter& out, const TimeoutToxic& toxic) {
  out.add("timeout", format_duration(toxic.timeout));
}
void write_attributes(AttributeWriter& out, const ResetPeerToxic& toxic) {
  out.add("timeout", format_duration(toxic.timeout));
}
void write_attributes(AttributeWriter& out, const SlicerToxic& toxic) {
  out.add("average_size", std::to_string(toxic.average_size_bytes));
  if (toxic.size_variation_bytes != 0) out.add("size_variation", std::to_string(toxic.size_variation_bytes));
  if (toxic.delay != Duration::zero()) out.add("delay", format_duration(toxic.delay));
}
void write_attributes(AttributeWriter& out, const LimitDataToxic& toxic) {
  out.add("bytes", std::to_string(toxic.bytes));
}
void write_attributes(AttributeWriter&, const DownToxic&) {}

}  // namespace

std::string_view toxic_name(const Toxic& toxic) { return kToxicNames[toxic.index()]; }

std::span<const std::string_view> toxic_names() { return kToxicNames; }

std::string_view to_string(Direction direction) {
  switch (direction) {
    case Direction::upstream:
      return "upstream";
    case Direction::downstream:
      return "downstream";
    case Direction::both:
      return "both";
  }
  return "both";
}

std::string format_toxic(const ToxicSpec& spec) {
  AttributeWriter attributes;
  std::visit([&](const auto& toxic) { write_attributes(attributes, toxic); }, spec.toxic);
  if (!std::holds_alternative<DownToxic>(spec.toxic)) {
    if (spec.direction != Direction::downstream) attributes.add("direction", to_string(spec.direction));
    if (spec.toxicity != 1.0) attributes.add("toxicity", format_number(spec.toxicity));
  }
  std::string text(toxic_name(spec.toxic));
  if (!attributes.text.empty()) text += ":" + attributes.text;
  return text;
}

std::optional<std::string> check_toxic(const ToxicSpec& spec) {
  const std::string name(toxic_name(spec.toxic));
  auto problem = [&](std::string_view attribute, const std::string& what) -> std::optional<std::string> {
    return name + ": " + std::string(attribute) + ": " + what;
  };
  auto negative = [&](std::string_view attribute, Duration value) -> std::optional<std::string> {
    if (value >= Duration::zero()) return std::nullopt;
    return problem(attribute, "cannot be negative, got " + format_duration(value));
  };
  std::optional<std::string> found;
  if (const auto* latency = std::get_if<LatencyToxic>(&spec.toxic)) {
    if (!(found = negative("latency", latency->latency))) found = negative("jitter", latency->jitter);
  } else if (const auto* bandwidth = std::get_if<BandwidthToxic>(&spec.toxic)) {
    if (bandwidth->rate_bytes_per_s == 0) found = problem("rate", "must be above zero");
  } else if (const auto* slow_close = std::get_if<SlowCloseToxic>(&spec.toxic)) {
    found = negative("delay", slow_close->delay);
  } else if (const auto* timeout = std::get_if<TimeoutToxic>(&spec.toxic)) {
    found = negative("timeout", timeout->timeout);
  } else if (const auto* reset = std::get_if<ResetPeerToxic>(&spec.toxic)) {
    found = negative("timeout", reset->timeout);
  } else if (const auto* slicer = std::get_if<SlicerToxic>(&spec.toxic)) {
    if (slicer->average_size_bytes == 0) {
      found = problem("average_size", "must be at least 1 byte");
    } else if (slicer->size_variation_bytes >= slicer->average_size_bytes) {
      found = problem("size_variation", "must be smaller than average_size (" +
                                            std::to_string(slicer->average_size_bytes) + "), got " +
                                            std::to_string(slicer->size_variation_bytes));
    } else {
      found = negative("delay", slicer->delay);
    }
  }
  if (found) return found;
  if (!(spec.toxicity >= 0.0 && spec.toxicity <= 1.0)) {
    return problem("toxicity", "must be from 0 to 1, got " + format_number(spec.toxicity));
  }
  if (std::holds_alternative<DownToxic>(spec.toxic) &&
      (spec.direction != Direction::downstream || spec.toxicity != 1.0)) {
    return name + " takes no direction or toxicity: it acts on the whole proxy";
  }
  return std::nullopt;
}

bool acts_on(Direction toxic_direction, Direction flow) {
  return toxic_direction == Direction::both || toxic_direction == flow;
}

}  // namespace faultline::scenario
