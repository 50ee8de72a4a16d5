#include "harness/scenario/load_parser.h"

#include <limits>
#include <map>

#include "harness/scenario/connection_load_parser.h"
#include "harness/scenario/endpoint.h"
#include "harness/scenario/identifiers.h"
#include "harness/scenario/request_parser.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

const std::vector<std::string_view> kGeneratorKeys{
    "name",  "kind", "model",  "connections", "keepalive", "threads", "timeout", "connect_timeout",
    "start", "for",  "stages", "address",     "via",       "headers", "requests"};
const std::vector<MisplacedKey> kGeneratorMisplacedKeys{
    {"rate", "a rate belongs to a stage of an open-model generator: \"stages\": "
             "[{\"for\": \"10s\", \"rate\": 100}]"}};
const std::vector<std::string_view> kStageKeys{"for", "rate", "ramp"};
const std::vector<std::string_view> kKinds{"http", to_string(ConnectionLoad::Kind::tcp),
                                           to_string(ConnectionLoad::Kind::websocket),
                                           to_string(ConnectionLoad::Kind::sse)};

constexpr auto kMaxUnsigned = static_cast<std::int64_t>(std::numeric_limits<unsigned>::max());

// Where a generator runs on the run's timeline, once its fields are known to be valid.
struct Window {
  Duration length;
  std::string origin;  // how the length was derived, for messages
};

// Durations near the limit of the type are legal ("2562047h"); their sums must not overflow.
Duration saturating_add(Duration a, Duration b) {
  return b > Duration::max() - a ? Duration::max() : a + b;
}

std::string quoted(const ObjectReader& reader, std::string_view key) {
  return describe_json_value(*reader.find(key));
}

std::optional<LoadModel> read_model(const ObjectReader& generator) {
  const auto model = generator.one_of("model", Presence::required, {"closed", "open"});
  if (!model) return std::nullopt;
  return *model == "open" ? LoadModel::open : LoadModel::closed;
}

void read_concurrency(const ObjectReader& generator, HttpLoad& load) {
  if (const auto connections =
          generator.integer("connections", Presence::optional, 1, kMaxUnsigned)) {
    load.connections = static_cast<unsigned>(*connections);
  }
  // Absent means "pick for me" (0 in HttpLoad); written out, 0 threads would run nothing.
  if (const auto threads = generator.integer("threads", Presence::optional, 1, kMaxUnsigned)) {
    load.threads = static_cast<unsigned>(*threads);
    if (load.threads > load.connections) {
      generator.report("threads", "expected at most one thread per connection (" +
                                      std::to_string(load.connections) + " connections), got " +
                                      std::to_string(load.threads));
    }
  }
}

// The generator's window, or nullopt after reporting why it does not fit in the run (or when an
// earlier problem makes it unknowable).
template <class Load>
std::optional<Window> check_window(const ObjectReader& generator, const Load& load,
                                   std::optional<Duration> run_duration, bool times_valid) {
  if (!run_duration || !times_valid) return std::nullopt;
  const std::string run = format_duration(*run_duration);
  if (load.start >= *run_duration) {
    generator.report("start", "expected a start before the end of the run (" + run + "), got " +
                                  quoted(generator, "start"));
    return std::nullopt;
  }
  if (!load.length) {
    return Window{*run_duration - load.start, "the run's duration " + run + " minus \"start\" " +
                                                  format_duration(load.start)};
  }
  const Duration end = saturating_add(load.start, *load.length);
  if (end > *run_duration) {
    generator.report("for", "the generator's window ends at " + format_duration(end) +
                                ", past the end of the run (" + run + ")");
    return std::nullopt;
  }
  return Window{*load.length, "its \"for\""};
}

// One open-model stage; nullopt when any of its fields is wrong.
std::optional<Stage> read_stage(const LocatedValue& element, IssueCollector& issues) {
  const ObjectReader stage(element.value, element.path, issues, kStageKeys);
  if (!stage.usable()) return std::nullopt;
  const auto length = stage.duration("for", Presence::required, ZeroDuration::rejected);
  const auto ramp = stage.duration("ramp", Presence::optional, ZeroDuration::allowed);

  std::optional<double> rate;
  if (!stage.report_if_missing("rate")) {
    const nlohmann::json& value = *stage.find("rate");
    if (value.is_number() && value.get<double>() > 0) {
      rate = value.get<double>();
    } else {
      stage.report("rate", "expected a number > 0 in the open model, got " +
                               describe_json_value(value));
    }
  }
  if (length && ramp && *ramp > *length) {
    stage.report("ramp", "expected a duration <= the stage's \"for\" (" + format_duration(*length) +
                             "), got " + quoted(stage, "ramp"));
    return std::nullopt;
  }
  if (!length || !rate || (stage.has("ramp") && !ramp)) return std::nullopt;
  return Stage{*length, *rate, ramp.value_or(Duration::zero())};
}

void read_stages(const ObjectReader& generator, HttpLoad& load, std::optional<LoadModel> model,
                 const std::optional<Window>& window) {
  if (model == LoadModel::closed) {
    if (generator.has("stages")) {
      generator.report("stages", "only allowed with \"model\": \"open\"; a closed-model "
                                 "generator sends as fast as its connections allow");
    }
    return;
  }
  if (model != LoadModel::open) return;

  const auto elements = generator.non_empty_array("stages", Presence::required);
  if (!elements) return;
  bool all_valid = true;
  Duration covered{};
  for (const LocatedValue& element : *elements) {
    const std::optional<Stage> stage = read_stage(element, generator.issues());
    if (!stage) {
      all_valid = false;
      continue;
    }
    covered = saturating_add(covered, stage->length);
    load.stages.push_back(*stage);
  }
  if (all_valid && window && covered != window->length) {
    generator.report("stages", "the stages cover " + format_duration(covered) +
                                   " but must cover the generator's window of " +
                                   format_duration(window->length) + " exactly (" +
                                   window->origin + ")");
  }
}

// The fields every kind has: name, its window on the timeline, where its connections go.
template <class Load>
std::optional<Window> read_shared_fields(const ObjectReader& generator, Load& load,
                                         std::optional<Duration> run_duration) {
  if (auto name = generator.string("name", Presence::required)) {
    if (!is_identifier(*name)) {
      generator.report("name", "expected a name of letters, digits, '.', '_' and '-', got " +
                                   describe_json_value(*name));
    }
    load.name = std::move(*name);
  }
  const auto start = generator.duration("start", Presence::optional, ZeroDuration::allowed);
  load.start = start.value_or(Duration::zero());
  load.length = generator.duration("for", Presence::optional, ZeroDuration::rejected);
  const bool times_valid =
      (start || !generator.has("start")) && (load.length || !generator.has("for"));
  std::optional<Window> window = check_window(generator, load, run_duration, times_valid);

  if (const auto address = generator.string("address", Presence::optional)) {
    const ParseResult<Endpoint> endpoint = parse_endpoint(*address);
    if (endpoint) {
      load.address = *endpoint;
    } else {
      generator.report("address", endpoint.error());
    }
  }
  // Which proxy "via" names is checked with the proxies (network_parser.cc).
  load.via = generator.string("via", Presence::optional).value_or("");
  if (!load.via.empty() && load.address) {
    generator.report("via", "\"via\" and \"address\" are mutually exclusive: through a proxy, load goes to the "
                            "proxy's upstream");
  }
  return window;
}

HttpLoad read_http_generator(const LocatedValue& element, IssueCollector& issues,
                             std::optional<Duration> run_duration) {
  const ObjectReader generator(element.value, element.path, issues, kGeneratorKeys,
                               kGeneratorMisplacedKeys);
  HttpLoad load;
  if (!generator.usable()) return load;

  generator.one_of("kind", Presence::required, kKinds);
  const std::optional<LoadModel> model = read_model(generator);
  load.model = model.value_or(LoadModel::closed);
  read_concurrency(generator, load);
  load.keepalive = generator.boolean("keepalive", Presence::optional).value_or(true);

  load.timeout = generator.duration("timeout", Presence::optional, ZeroDuration::rejected)
                     .value_or(load.timeout);
  load.connect_timeout =
      generator.duration("connect_timeout", Presence::optional, ZeroDuration::rejected)
          .value_or(load.connect_timeout);
  const std::optional<Window> window = read_shared_fields(generator, load, run_duration);
  read_stages(generator, load, model, window);
  load.headers = read_headers(generator, "headers");
  load.requests = read_requests(generator);
  return load;
}

// The connection-level kind `element` declares, if it declares one.
std::optional<ConnectionLoad::Kind> connection_kind(const nlohmann::json& element) {
  if (!element.is_object()) return std::nullopt;
  const auto kind = element.find("kind");
  if (kind == element.end() || !kind->is_string()) return std::nullopt;
  for (const ConnectionLoad::Kind known : kConnectionKinds) {
    if (*kind == to_string(known)) return known;
  }
  return std::nullopt;
}

ConnectionLoad read_connection_generator(const LocatedValue& element, ConnectionLoad::Kind kind,
                                         IssueCollector& issues, std::optional<Duration> run_duration) {
  const ObjectReader generator(element.value, element.path, issues, connection_load_keys(kind));
  ConnectionLoad load;
  load.kind = kind;
  read_shared_fields(generator, load, run_duration);
  read_connection_load(generator, load);
  return load;
}

}  // namespace

LoadGenerators read_load(const ObjectReader& scenario, std::optional<Duration> run_duration) {
  LoadGenerators generators;
  const auto elements = scenario.non_empty_array("load", Presence::required);
  if (!elements) return generators;

  std::map<std::string, std::string> name_paths;  // generator name -> pointer of its first use
  for (std::size_t position = 0; position < elements->size(); ++position) {
    const LocatedValue& element = (*elements)[position];
    std::string name;
    if (const auto kind = connection_kind(*element.value)) {
      ConnectionLoad& load = generators.connection.emplace_back(
          read_connection_generator(element, *kind, scenario.issues(), run_duration));
      load.position = position;
      name = load.name;
    } else {
      HttpLoad& load = generators.http.emplace_back(read_http_generator(element, scenario.issues(), run_duration));
      load.position = position;
      name = load.name;
    }
    if (name.empty()) continue;
    const std::string name_path = element.path + "/name";
    const auto [first, inserted] = name_paths.emplace(name, name_path);
    if (!inserted) {
      scenario.issues().add(name_path, "duplicate generator name \"" + name + "\" (first used at " +
                                           first->second + ")");
    }
  }
  return generators;
}

}  // namespace faultline::scenario
