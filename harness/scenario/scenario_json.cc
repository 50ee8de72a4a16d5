#include "harness/scenario/scenario_json.h"

#include <cmath>

#include "harness/scenario/endpoint.h"
#include "harness/scenario/toxic.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

nlohmann::json headers_json(const std::vector<std::pair<std::string, std::string>>& headers) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, value] : headers) object[name] = value;
  return object;
}

// Whole rates are written as integers: "rate": 200 reads better than 200.0 in a result file.
nlohmann::json rate_json(double rate) {
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  if (std::trunc(rate) == rate && rate <= kLargestExactInteger) {
    return static_cast<std::int64_t>(rate);
  }
  return rate;
}

nlohmann::json ready_json(const ReadyCheck& ready) {
  nlohmann::json object;
  if (ready.kind == ReadyCheck::Kind::http) {
    object["http"] = ready.http_path;
  } else {
    object["tcp"] = true;
  }
  object["timeout"] = format_duration(ready.timeout);
  object["interval"] = format_duration(ready.interval);
  return object;
}

nlohmann::json target_json(const Target& target) {
  nlohmann::json object;
  if (target.spawned()) {
    object["command"] = target.command;
    object["env"] = target.env;
    if (!target.cwd.empty()) object["cwd"] = target.cwd;
    object["stop_grace"] = format_duration(target.stop_grace);
  }
  object["ready"] = ready_json(target.ready);
  if (target.address) object["address"] = format_endpoint(*target.address);
  if (target.pid) object["pid"] = *target.pid;
  return object;
}

nlohmann::json request_json(const RequestTemplate& request) {
  nlohmann::json object;
  object["method"] = request.method;
  object["path"] = request.path;
  object["body"] = request.body;
  object["headers"] = headers_json(request.headers);
  object["weight"] = request.weight;
  return object;
}

nlohmann::json load_json(const HttpLoad& load) {
  nlohmann::json object;
  object["name"] = load.name;
  object["kind"] = "http";
  object["model"] = load.model == LoadModel::open ? "open" : "closed";
  object["connections"] = load.connections;
  if (load.threads != 0) object["threads"] = load.threads;
  object["timeout"] = format_duration(load.timeout);
  object["connect_timeout"] = format_duration(load.connect_timeout);
  object["start"] = format_duration(load.start);
  if (load.length) object["for"] = format_duration(*load.length);
  if (load.model == LoadModel::open) {
    nlohmann::json stages = nlohmann::json::array();
    for (const Stage& stage : load.stages) {
      stages.push_back({{"for", format_duration(stage.length)},
                        {"rate", rate_json(stage.rate_per_s)},
                        {"ramp", format_duration(stage.ramp)}});
    }
    object["stages"] = std::move(stages);
  }
  if (load.address) object["address"] = format_endpoint(*load.address);
  if (!load.via.empty()) object["via"] = load.via;
  object["headers"] = headers_json(load.headers);
  nlohmann::json requests = nlohmann::json::array();
  for (const RequestTemplate& request : load.requests) requests.push_back(request_json(request));
  object["requests"] = std::move(requests);
  return object;
}

nlohmann::json proxy_json(const Proxy& proxy) {
  nlohmann::json object = {{"name", proxy.name}};
  if (proxy.upstream) object["upstream"] = format_endpoint(*proxy.upstream);
  return object;
}

// The toxic's attributes come from its command-line form ("latency:latency=100ms,jitter=10ms"),
// which the parser reads back to the same toxic, defaults left out.
nlohmann::json fault_json(const Fault& fault) {
  nlohmann::json object = {{"kind", std::string(toxic_name(fault.toxic.toxic))},
                           {"at", format_duration(fault.at)},
                           {"proxy", fault.proxy}};
  if (fault.length) object["for"] = format_duration(*fault.length);
  const std::string text = format_toxic(fault.toxic);
  const std::size_t colon = text.find(':');
  for (std::size_t begin = colon; begin != std::string::npos && begin + 1 < text.size();) {
    const std::size_t end = text.find(',', begin + 1);
    const std::string item = text.substr(begin + 1, end == std::string::npos ? std::string::npos : end - begin - 1);
    const std::size_t equals = item.find('=');
    object[item.substr(0, equals)] = item.substr(equals + 1);
    begin = end;
  }
  return object;
}

}  // namespace

nlohmann::json to_json(const Scenario& scenario) {
  nlohmann::json object;
  object["name"] = scenario.name;
  if (!scenario.description.empty()) object["description"] = scenario.description;
  object["duration"] = format_duration(scenario.duration);
  object["allow_remote"] = scenario.allow_remote;
  object["phases"] = {{"warmup", format_duration(scenario.phases.warmup)}};
  object["observe"] = {{"interval", format_duration(scenario.observe.interval)}};
  object["target"] = target_json(scenario.target);
  nlohmann::json load = nlohmann::json::array();
  for (const HttpLoad& generator : scenario.load) load.push_back(load_json(generator));
  object["load"] = std::move(load);
  if (!scenario.proxies.empty()) {
    nlohmann::json proxies = nlohmann::json::array();
    for (const Proxy& proxy : scenario.proxies) proxies.push_back(proxy_json(proxy));
    object["proxies"] = std::move(proxies);
  }
  if (!scenario.faults.empty()) {
    nlohmann::json faults = nlohmann::json::array();
    for (const Fault& fault : scenario.faults) faults.push_back(fault_json(fault));
    object["faults"] = std::move(faults);
  }
  object["seed"] = scenario.seed;
  return object;
}

}  // namespace faultline::scenario
