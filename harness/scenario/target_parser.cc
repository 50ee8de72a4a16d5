#include "harness/scenario/target_parser.h"

#include <limits>

#include "harness/scenario/endpoint.h"
#include "harness/scenario/http_syntax.h"
#include "harness/scenario/identifiers.h"
#include "harness/scenario/template_syntax.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

const std::vector<std::string_view> kTargetKeys{"command", "env", "cwd",    "ready",  "stop_grace",
                                                "limits",  "restart", "address", "pid"};
const std::vector<std::string_view> kReadyKeys{"http", "tcp", "timeout", "interval"};
const std::vector<std::string_view> kLimitsKeys{"memory", "cpu", "open_files"};
const std::vector<std::string_view> kRestartKeys{"policy", "delay", "max_restarts"};
const std::vector<std::string_view> kRestartPolicies{"never", "on-failure", "always"};

// Only the ${NAME} syntax is checked: the values are substituted when the target starts.
void check_variable_references(IssueCollector& issues, const std::string& path,
                               const std::string& text) {
  const auto references = variable_references(text);
  if (!references) issues.add(path, references.error());
}

void read_command(const ObjectReader& target, Target& result) {
  const auto elements = target.non_empty_array("command", Presence::optional);
  if (!elements) return;
  for (const LocatedValue& element : *elements) {
    if (!element.value->is_string()) {
      target.issues().add(element.path,
                          "expected a string, got " + describe_json_value(*element.value));
      continue;
    }
    result.command.push_back(element.value->get<std::string>());
    check_variable_references(target.issues(), element.path, result.command.back());
  }
  if (!result.command.empty() && result.command.front().empty()) {
    target.issues().add(elements->front().path, "expected the program to run, got \"\"");
  }
}

void read_environment(const ObjectReader& target, Target& result) {
  const auto members = target.string_map("env", Presence::optional);
  if (!members) return;
  for (const StringMember& member : *members) {
    if (!is_variable_name(member.name)) {
      target.issues().add(member.path, "invalid environment variable name \"" + member.name +
                                           "\" (a name matches [A-Za-z_][A-Za-z0-9_]*)");
    }
    check_variable_references(target.issues(), member.path, member.value);
    result.env.emplace(member.name, member.value);
  }
}

ReadyCheck read_ready(const ObjectReader& target) {
  const ObjectReader ready = target.object("ready", Presence::optional, kReadyKeys);
  ReadyCheck check;
  if (!ready.usable()) return check;

  if (ready.has("http") && ready.has("tcp")) {
    ready.report_here("\"http\" and \"tcp\" are mutually exclusive");
  }
  if (const auto path = ready.string("http", Presence::optional)) {
    if (!is_http_origin_path(*path)) {
      ready.report("http", "expected a path starting with '/' (visible ASCII only), got " +
                               describe_json_value(*ready.find("http")));
    }
    check.kind = ReadyCheck::Kind::http;
    check.http_path = *path;
  }
  if (const auto tcp = ready.boolean("tcp", Presence::optional); tcp && !*tcp) {
    ready.report("tcp", "expected true (a TCP check is the default; use \"http\" for an HTTP "
                        "check), got false");
  }
  check.timeout = ready.duration("timeout", Presence::optional, ZeroDuration::rejected)
                      .value_or(check.timeout);
  check.interval = ready.duration("interval", Presence::optional, ZeroDuration::rejected)
                       .value_or(check.interval);
  if (check.interval > check.timeout && ready.has("interval")) {
    ready.report("interval", "expected a duration <= the ready timeout (" +
                                 format_duration(check.timeout) + "), got " +
                                 describe_json_value(*ready.find("interval")));
  }
  return check;
}

Limits read_limits(const ObjectReader& target) {
  const ObjectReader limits = target.object("limits", Presence::optional, kLimitsKeys);
  Limits result;
  if (!limits.usable()) return result;
  result.memory_bytes = limits.size("memory", Presence::optional);
  result.cpu_cores = limits.number("cpu", Presence::optional, 0, kMaxCores);
  if (const auto open_files = limits.integer("open_files", Presence::optional, 1, kMaxOpenFiles)) {
    result.open_files = static_cast<std::uint64_t>(*open_files);
  }
  return result;
}

RestartPolicy::When restart_when(const std::string& name) {
  if (name == "always") return RestartPolicy::When::always;
  if (name == "on-failure") return RestartPolicy::When::on_failure;
  return RestartPolicy::When::never;
}

// "restart": "on-failure", or {"policy": "on-failure", "delay": "1s", "max_restarts": 3}.
RestartPolicy read_restart(const ObjectReader& target) {
  RestartPolicy result;
  const nlohmann::json* value = target.find("restart");
  if (value == nullptr) return result;
  if (value->is_string()) {
    if (const auto policy = target.one_of("restart", Presence::optional, kRestartPolicies)) result.when = restart_when(*policy);
    return result;
  }
  const ObjectReader restart = target.object("restart", Presence::optional, kRestartKeys);
  if (!restart.usable()) return result;
  if (const auto policy = restart.one_of("policy", Presence::required, kRestartPolicies)) result.when = restart_when(*policy);
  result.delay = restart.duration("delay", Presence::optional, ZeroDuration::allowed).value_or(result.delay);
  if (const auto max = restart.integer("max_restarts", Presence::optional, 1, 1000)) result.max_restarts = static_cast<unsigned>(*max);
  return result;
}

// Fields that mean something in one mode only are errors in the other, never silently ignored.
void check_mode_fields(const ObjectReader& target, bool spawned) {
  if (spawned) {
    if (target.has("pid")) {
      target.report("pid", "only allowed with \"address\" (attach mode); faultline knows the "
                           "pid of a target it spawns");
    }
    return;
  }
  for (const std::string_view key : {"env", "cwd", "stop_grace", "limits", "restart"}) {
    if (target.has(key)) target.report(key, "only allowed with \"command\" (spawn mode)");
  }
}

}  // namespace

Target read_target(const ObjectReader& scenario) {
  const ObjectReader target = scenario.object("target", Presence::required, kTargetKeys);
  Target result;
  if (!target.usable()) return result;

  const bool has_command = target.has("command");
  const bool has_address = target.has("address");
  if (has_command && has_address) {
    target.report_here("\"command\" (spawn a target) and \"address\" (attach to a running one) "
                       "are mutually exclusive");
  } else if (!has_command && !has_address) {
    target.report_here("expected either \"command\" (spawn a target) or \"address\" (attach to "
                       "a running one)");
  } else {
    check_mode_fields(target, has_command);
  }

  read_command(target, result);
  read_environment(target, result);
  if (const auto cwd = target.string("cwd", Presence::optional)) {
    if (cwd->empty()) target.report("cwd", "expected a directory, got \"\"");
    check_variable_references(target.issues(), target.path_of("cwd"), *cwd);
    result.cwd = *cwd;
  }
  result.ready = read_ready(target);
  result.stop_grace = target.duration("stop_grace", Presence::optional, ZeroDuration::allowed)
                          .value_or(result.stop_grace);

  result.limits = read_limits(target);
  result.restart = read_restart(target);

  if (const auto address = target.string("address", Presence::optional)) {
    const ParseResult<Endpoint> endpoint = parse_endpoint(*address);
    if (endpoint) {
      result.address = *endpoint;
    } else {
      target.report("address", endpoint.error());
    }
  }
  if (const auto pid = target.integer("pid", Presence::optional, 1, std::numeric_limits<int>::max())) {
    result.pid = static_cast<int>(*pid);
  }
  return result;
}

}  // namespace faultline::scenario
