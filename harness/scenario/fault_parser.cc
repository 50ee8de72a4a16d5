#include "harness/scenario/fault_parser.h"

#include <algorithm>

#include "harness/scenario/network_parser.h"
#include "harness/scenario/target_fault_parser.h"
#include "harness/scenario/toxic_parser.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

const std::vector<std::string_view> kTimelineKeys{"kind", "at", "for"};

void add_keys(std::vector<std::string_view>& keys, std::span<const std::string_view> more) {
  for (std::string_view key : more) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
}

// The keys a fault of `kind` may have, or for an unknown kind every key of every kind, so that
// only the kind itself is reported.
std::vector<std::string_view> keys_of(const std::optional<std::string>& kind) {
  std::vector<std::string_view> keys = kTimelineKeys;
  if (kind) {
    if (const auto network = network_fault_keys(*kind)) {
      add_keys(keys, *network);
      return keys;
    }
    if (const auto target = target_fault_keys(*kind)) {
      add_keys(keys, *target);
      return keys;
    }
  }
  for (std::string_view name : fault_kinds()) {
    if (const auto network = network_fault_keys(name)) add_keys(keys, *network);
    if (const auto target = target_fault_keys(name)) add_keys(keys, *target);
  }
  return keys;
}

std::optional<std::string> kind_of(const nlohmann::json& fault) {
  if (!fault.is_object() || !fault.contains("kind") || !fault["kind"].is_string()) return std::nullopt;
  return fault["kind"].get<std::string>();
}

std::optional<Fault> read_fault(const LocatedValue& element, IssueCollector& issues,
                                std::optional<Duration> run_duration, const Target& target) {
  const ObjectReader reader(element.value, element.path, issues, keys_of(kind_of(*element.value)));
  if (!reader.usable()) return std::nullopt;
  const auto kind = reader.one_of("kind", Presence::required, fault_kinds());
  const auto at = reader.duration("at", Presence::required, ZeroDuration::allowed);
  const auto length = reader.duration("for", Presence::optional, ZeroDuration::rejected);
  if (at && run_duration && *at >= *run_duration) {
    reader.report("at", "expected a time before the end of the run (" + format_duration(*run_duration) + "), got " +
                            describe_json_value(*reader.find("at")));
  } else if (at && length && run_duration && *length > *run_duration - *at) {
    reader.report("for", "the fault would end at " + format_duration(*at + *length) + ", past the end of the run (" +
                             format_duration(*run_duration) + ")");
  }
  if (!kind) return std::nullopt;
  const std::optional<FaultAction> action =
      network_fault_keys(*kind) ? read_network_fault(reader, *kind) : read_target_fault(reader, *kind, target);
  if (!action || !at || (reader.has("for") && !length)) return std::nullopt;
  return Fault{*at, length, *action};
}

}  // namespace

std::vector<std::string_view> fault_kinds() {
  std::vector<std::string_view> kinds(toxic_names().begin(), toxic_names().end());
  kinds.insert(kinds.end(), target_fault_kinds().begin(), target_fault_kinds().end());
  return kinds;
}

std::vector<std::string> read_faults(const ObjectReader& root, std::optional<Duration> run_duration,
                                     Scenario& scenario) {
  std::vector<std::string> paths;
  const auto elements = root.non_empty_array("faults", Presence::optional);
  if (!elements) return paths;
  for (const LocatedValue& element : *elements) {
    if (auto fault = read_fault(element, root.issues(), run_duration, scenario.target)) {
      scenario.faults.push_back(std::move(*fault));
      paths.push_back(element.path);
    }
  }
  return paths;
}

}  // namespace faultline::scenario
