#include "harness/scenario/network_parser.h"

#include <algorithm>
#include <limits>
#include <map>

#include "harness/scenario/did_you_mean.h"
#include "harness/scenario/endpoint.h"
#include "harness/scenario/identifiers.h"
#include "harness/scenario/toxic_parser.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

constexpr std::string_view kImplicitProxy = "proxy";
const std::vector<std::string_view> kProxyKeys{"name", "upstream"};

std::vector<Proxy> read_proxies(const ObjectReader& root) {
  std::vector<Proxy> proxies;
  const auto elements = root.non_empty_array("proxies", Presence::optional);
  if (!elements) return proxies;
  std::map<std::string, std::string> name_paths;
  for (const LocatedValue& element : *elements) {
    const ObjectReader reader(element.value, element.path, root.issues(), kProxyKeys);
    if (!reader.usable()) continue;
    Proxy proxy;
    if (auto name = reader.string("name", Presence::required)) {
      if (!is_identifier(*name)) {
        reader.report("name", "expected a name of letters, digits, '.', '_' and '-', got " + describe_json_value(*name));
      } else if (const auto [first, inserted] = name_paths.emplace(*name, reader.path_of("name")); !inserted) {
        reader.report("name", "duplicate proxy name \"" + *name + "\" (first used at " + first->second + ")");
      }
      proxy.name = std::move(*name);
    }
    if (const auto upstream = reader.string("upstream", Presence::optional)) {
      if (const ParseResult<Endpoint> endpoint = parse_endpoint(*upstream)) {
        proxy.upstream = *endpoint;
      } else {
        reader.report("upstream", endpoint.error());
      }
    }
    proxies.push_back(std::move(proxy));
  }
  return proxies;
}

// A toxic attribute's value as text, the form the toxic parser reads ("200ms", "0.5", "100").
std::optional<std::string> attribute_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) return value.dump();
  return std::nullopt;
}

// Checks that `name` names a proxy; reports at `path` with a suggestion otherwise.
bool check_proxy_name(const std::vector<Proxy>& proxies, const std::string& name, IssueCollector& issues,
                      const std::string& path) {
  std::vector<std::string_view> names;
  for (const Proxy& p : proxies) names.push_back(p.name);
  if (std::find(names.begin(), names.end(), name) != names.end()) return true;
  std::string message = "no proxy is named \"" + name + "\"";
  if (const auto best = did_you_mean(name, names)) message += "; did you mean \"" + *best + "\"?";
  issues.add(path, message);
  return false;
}

}  // namespace

std::optional<std::vector<std::string_view>> network_fault_keys(std::string_view kind) {
  const auto attributes = toxic_attributes(kind);
  if (!attributes) return std::nullopt;
  std::vector<std::string_view> keys(attributes->begin(), attributes->end());
  keys.push_back("proxy");
  return keys;
}

std::optional<FaultAction> read_network_fault(const ObjectReader& fault, std::string_view kind) {
  NetworkFault result;
  result.proxy = fault.string("proxy", Presence::optional).value_or("");
  // The attributes' text first, then views of it: the views must not outlive a vector's growth.
  std::vector<std::pair<std::string_view, std::string>> texts;
  const auto names_of_kind = toxic_attributes(kind);
  for (std::string_view name : *names_of_kind) {
    const nlohmann::json* value = fault.find(name);
    if (value == nullptr) continue;
    auto text = attribute_text(*value);
    if (!text) {
      fault.report(name, "expected a string or a number, got " + describe_json_value(*value));
      return std::nullopt;
    }
    texts.emplace_back(name, std::move(*text));
  }
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  for (const auto& [name, text] : texts) attributes.emplace_back(name, text);
  const ParseResult<ToxicSpec> toxic = build_toxic(kind, attributes);
  if (!toxic) {
    fault.report_here(toxic.error());
    return std::nullopt;
  }
  result.toxic = *toxic;
  return result;
}

void read_network(const ObjectReader& root, const std::vector<std::string>& fault_paths, Scenario& scenario) {
  IssueCollector& issues = root.issues();
  scenario.proxies = read_proxies(root);
  if (const auto seed = root.integer("seed", Presence::optional, 0, std::numeric_limits<std::int64_t>::max())) {
    scenario.seed = static_cast<std::uint64_t>(*seed);
  }

  // Every generator's "via" with its place in the "load" array, whatever its kind.
  std::vector<std::pair<std::string, std::size_t>> vias;
  for (const HttpLoad& g : scenario.load) vias.emplace_back(g.via, g.position);
  for (const ConnectionLoad& g : scenario.connection_load) vias.emplace_back(g.via, g.position);
  const bool any_via = std::any_of(vias.begin(), vias.end(), [](const auto& via) { return !via.first.empty(); });
  const bool any_network_fault =
      std::any_of(scenario.faults.begin(), scenario.faults.end(), [](const Fault& f) { return f.network() != nullptr; });
  if (!root.has("proxies") && (any_via || any_network_fault)) {
    scenario.proxies.push_back(Proxy{std::string(kImplicitProxy), std::nullopt});
  }

  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    NetworkFault* fault = std::get_if<NetworkFault>(&scenario.faults[i].action);
    if (fault == nullptr) continue;
    if (fault->proxy.empty()) {
      if (scenario.proxies.size() == 1) {
        fault->proxy = scenario.proxies.front().name;
      } else {
        issues.add(fault_paths[i], "name the proxy this fault acts on with \"proxy\" (there are " +
                                       std::to_string(scenario.proxies.size()) + ")");
      }
      continue;
    }
    if (!check_proxy_name(scenario.proxies, fault->proxy, issues, fault_paths[i] + "/proxy")) fault->proxy.clear();
  }
  for (const auto& [via, position] : vias) {
    if (!via.empty()) check_proxy_name(scenario.proxies, via, issues, "/load/" + std::to_string(position) + "/via");
  }
  // A fault on a proxy that no load goes through changes nothing: say so rather than pass.
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    const NetworkFault* fault = scenario.faults[i].network();
    if (fault == nullptr) continue;
    const std::string& proxy = fault->proxy;
    const bool used = std::any_of(vias.begin(), vias.end(), [&](const auto& via) { return via.first == proxy; });
    if (!proxy.empty() && !used) {
      issues.add(fault_paths[i], "no load generator goes through proxy \"" + proxy +
                                     "\", so this fault would change nothing; add \"via\": \"" + proxy +
                                     "\" to a load generator");
    }
  }
}

}  // namespace faultline::scenario
