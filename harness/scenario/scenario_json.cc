#include "harness/scenario/scenario_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <type_traits>

#include "harness/scenario/endpoint.h"
#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/signal_name.h"
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

nlohmann::json limits_json(const Limits& limits) {
  nlohmann::json object = nlohmann::json::object();
  if (limits.memory_bytes) object["memory"] = format_size(*limits.memory_bytes);
  if (limits.cpu_cores) object["cpu"] = *limits.cpu_cores;
  if (limits.open_files) object["open_files"] = *limits.open_files;
  return object;
}

nlohmann::json restart_json(const RestartPolicy& restart) {
  const char* policy = restart.when == RestartPolicy::When::always       ? "always"
                       : restart.when == RestartPolicy::When::on_failure ? "on-failure"
                                                                          : "never";
  return {{"policy", policy}, {"delay", format_duration(restart.delay)}, {"max_restarts", restart.max_restarts}};
}

nlohmann::json target_json(const Target& target) {
  nlohmann::json object;
  if (target.spawned()) {
    object["command"] = target.command;
    object["env"] = target.env;
    if (!target.cwd.empty()) object["cwd"] = target.cwd;
    object["stop_grace"] = format_duration(target.stop_grace);
    if (target.limits.any()) object["limits"] = limits_json(target.limits);
    object["restart"] = restart_json(target.restart);
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
  object["keepalive"] = load.keepalive;
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

nlohmann::json reconnect_json(const Reconnect& reconnect) {
  nlohmann::json object;
  switch (reconnect.backoff) {
    case Reconnect::Backoff::immediate: object["backoff"] = "immediate"; break;
    case Reconnect::Backoff::fixed:
      object["backoff"] = "fixed";
      object["delay"] = format_duration(reconnect.delay);
      break;
    case Reconnect::Backoff::exponential:
      object["backoff"] = "exponential";
      object["base"] = format_duration(reconnect.base);
      object["cap"] = format_duration(reconnect.cap);
      break;
  }
  if (reconnect.backoff != Reconnect::Backoff::immediate) {
    const char* jitter[] = {"none", "full", "equal"};
    object["jitter"] = jitter[static_cast<int>(reconnect.jitter)];
  }
  object["max_attempts"] = reconnect.max_attempts;
  return object;
}

void write_tcp_fields(const ConnectionLoad& load, nlohmann::json& object) {
  object["kind"] = to_string(load.kind);
  object["connections"] = load.connections;
  if (load.rate_per_s > 0) object["rate"] = rate_json(load.rate_per_s);
  object["hold"] = format_duration(load.hold);
  if (!load.send.empty()) object["send"] = load.send;
  if (load.expect_bytes > 0) {
    object["expect_bytes"] = load.expect_bytes;
    object["expect_timeout"] = format_duration(load.expect_timeout);
  }
  object["close"] = load.reset_on_close ? "rst" : "fin";
}

void write_client_fields(const ConnectionLoad& load, nlohmann::json& object) {
  object["kind"] = to_string(load.kind);
  object["clients"] = load.connections;
  if (load.rate_per_s > 0) object["connect_rate"] = rate_json(load.rate_per_s);
  object["path"] = load.path;
  object["reconnect"] = reconnect_json(load.reconnect);
  object["handshake_timeout"] = format_duration(load.handshake_timeout);
  if (load.kind == ConnectionLoad::Kind::sse) {
    object["idle_timeout"] = format_duration(load.idle_timeout);
    return;
  }
  if (!load.message.empty()) {
    object["message"] = load.message;
    object["message_rate"] = rate_json(load.message_rate_per_s);
  }
  object["await_replies"] = load.await_replies;
  if (!load.subscribe.empty()) {
    object["subscribe"] = load.subscribe;
    object["push_timestamps"] = load.push_timestamps;
  }
  if (load.heartbeat > Duration::zero()) {
    object["heartbeat"] = format_duration(load.heartbeat);
    object["pong_timeout"] = format_duration(load.pong_timeout);
  }
}

nlohmann::json load_json(const ConnectionLoad& load) {
  nlohmann::json object;
  object["name"] = load.name;
  if (load.kind == ConnectionLoad::Kind::tcp) {
    write_tcp_fields(load, object);
  } else {
    write_client_fields(load, object);
  }
  if (load.threads != 0) object["threads"] = load.threads;
  object["connect_timeout"] = format_duration(load.connect_timeout);
  if (load.source_addresses != 0) object["source_addresses"] = load.source_addresses;
  object["start"] = format_duration(load.start);
  if (load.length) object["for"] = format_duration(*load.length);
  if (load.address) object["address"] = format_endpoint(*load.address);
  if (!load.via.empty()) object["via"] = load.via;
  return object;
}

nlohmann::json proxy_json(const Proxy& proxy) {
  nlohmann::json object = {{"name", proxy.name}};
  if (proxy.upstream) object["upstream"] = format_endpoint(*proxy.upstream);
  return object;
}

// The toxic's attributes come from its command-line form ("latency:latency=100ms,jitter=10ms"),
// which the parser reads back to the same toxic, defaults left out.
void write_network_fault(const NetworkFault& fault, nlohmann::json& object) {
  object["kind"] = std::string(toxic_name(fault.toxic.toxic));
  object["proxy"] = fault.proxy;
  const std::string text = format_toxic(fault.toxic);
  const std::size_t colon = text.find(':');
  for (std::size_t begin = colon; begin != std::string::npos && begin + 1 < text.size();) {
    const std::size_t end = text.find(',', begin + 1);
    const std::string item = text.substr(begin + 1, end == std::string::npos ? std::string::npos : end - begin - 1);
    const std::size_t equals = item.find('=');
    object[item.substr(0, equals)] = item.substr(equals + 1);
    begin = end;
  }
}

void write_process_fault(const ProcessFault& fault, nlohmann::json& object) {
  switch (fault.action) {
    case ProcessFault::Action::signal: object["kind"] = "signal"; break;
    case ProcessFault::Action::kill: object["kind"] = "kill"; break;
    case ProcessFault::Action::pause: object["kind"] = "pause"; return;
  }
  object["signal"] = signal_name(fault.signal);
}

void write_limit_fault(const LimitFault& fault, nlohmann::json& object) {
  if (fault.limits.memory_bytes) {
    object["kind"] = "memory_limit";
    object["memory"] = format_size(*fault.limits.memory_bytes);
  } else if (fault.limits.cpu_cores) {
    object["kind"] = "cpu_limit";
    object["cpu"] = *fault.limits.cpu_cores;
  } else {
    object["kind"] = "open_files";
    object["open_files"] = fault.limits.open_files.value_or(0);
  }
}

void write_hog_fault(const HogFault& fault, nlohmann::json& object) {
  if (fault.resource == HogFault::Resource::memory) {
    object["kind"] = "memory_hog";
    object["memory"] = format_size(fault.memory_bytes);
  } else {
    object["kind"] = "cpu_hog";
    object["cores"] = fault.cpu_cores;
  }
}

nlohmann::json fault_json(const Fault& fault) {
  nlohmann::json object = {{"at", format_duration(fault.at)}};
  if (fault.length) object["for"] = format_duration(*fault.length);
  std::visit(
      [&](const auto& action) {
        using Action = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<Action, NetworkFault>) write_network_fault(action, object);
        if constexpr (std::is_same_v<Action, ProcessFault>) write_process_fault(action, object);
        if constexpr (std::is_same_v<Action, LimitFault>) write_limit_fault(action, object);
        if constexpr (std::is_same_v<Action, HogFault>) write_hog_fault(action, object);
      },
      fault.action);
  return object;
}

// A relative tolerance as a percentage; an absolute one in the form the metric's unit is read
// in: a duration for ms and s, a number for req/s.
nlohmann::json tolerance_json(const Tolerance& tolerance, MetricUnit unit) {
  if (tolerance.relative) return format_percent(*tolerance.relative);
  const double amount = tolerance.absolute.value_or(0);
  switch (unit) {
    case MetricUnit::milliseconds:
      return format_duration(std::chrono::round<Duration>(std::chrono::duration<double, std::milli>(amount)));
    case MetricUnit::seconds: return format_duration(std::chrono::round<Duration>(std::chrono::duration<double>(amount)));
    default: return rate_json(amount);
  }
}

nlohmann::json baseline_json(const BaselineOptions& baseline) {
  nlohmann::json tolerances = {{"default", tolerance_json(baseline.default_tolerance, MetricUnit::fraction)}};
  for (const auto& [metric, tolerance] : baseline.tolerances) {
    const std::optional<MetricRef> ref = resolve_metric(metric);
    tolerances[metric] = tolerance_json(tolerance, ref ? ref->definition->unit : MetricUnit::fraction);
  }
  return {{"tolerance", std::move(tolerances)},
          {"alpha", baseline.alpha},
          {"too_few_samples", baseline.too_few_samples_pass ? "pass" : "fail"}};
}

}  // namespace

nlohmann::json to_json(const Scenario& scenario) {
  nlohmann::json object;
  object["name"] = scenario.name;
  if (!scenario.description.empty()) object["description"] = scenario.description;
  object["duration"] = format_duration(scenario.duration);
  object["allow_remote"] = scenario.allow_remote;
  object["phases"] = {{"warmup", format_duration(scenario.phases.warmup)},
                      {"baseline_window", format_duration(scenario.phases.baseline_window)},
                      {"settle", format_duration(scenario.phases.settle)},
                      {"recovery_window", format_duration(scenario.phases.recovery_window)}};
  object["observe"] = {{"interval", format_duration(scenario.observe.interval)}, {"logs", scenario.observe.scan_logs}};
  if (!scenario.observe.prometheus_path.empty()) {
    object["observe"]["prometheus"] = {{"path", scenario.observe.prometheus_path}};
    // The parser rejects an empty list: it would name no series.
    if (!scenario.observe.metrics.empty()) object["observe"]["prometheus"]["metrics"] = scenario.observe.metrics;
  }
  object["target"] = target_json(scenario.target);
  // In the order of the file: positions are where the generators stood in its "load" array.
  std::vector<std::pair<std::size_t, nlohmann::json>> generators;
  for (const HttpLoad& generator : scenario.load) generators.emplace_back(generator.position, load_json(generator));
  for (const ConnectionLoad& generator : scenario.connection_load) {
    generators.emplace_back(generator.position, load_json(generator));
  }
  std::stable_sort(generators.begin(), generators.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  nlohmann::json load = nlohmann::json::array();
  for (auto& [position, generator] : generators) load.push_back(std::move(generator));
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
  if (!scenario.expect.empty()) {
    nlohmann::json expect = nlohmann::json::array();
    for (const Expectation& expectation : scenario.expect) expect.push_back(expectation.text);
    object["expect"] = std::move(expect);
  }
  if (!scenario.abort.empty()) {
    nlohmann::json abort = nlohmann::json::array();
    for (const AbortCondition& condition : scenario.abort) abort.push_back(condition.text);
    object["abort"] = std::move(abort);
  }
  object["baseline"] = baseline_json(scenario.baseline);
  object["seed"] = scenario.seed;
  return object;
}

}  // namespace faultline::scenario
