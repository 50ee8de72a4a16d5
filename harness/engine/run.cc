#include "harness/engine/run.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "harness/analysis/comparable_metrics.h"
#include "harness/analysis/expectations.h"
#include "harness/analysis/run_analysis.h"
#include "harness/analysis/verdict.h"
#include "harness/engine/abort_guard.h"
#include "harness/engine/fault_runner.h"
#include "harness/engine/load_address.h"
#include "harness/engine/network_faults.h"
#include "harness/engine/oom_watch.h"
#include "harness/engine/open_files_limit.h"
#include "harness/engine/reconnect_records.h"
#include "harness/engine/run_error.h"
#include "harness/engine/run_faults.h"
#include "harness/engine/source_address_plan.h"
#include "harness/engine/series_collector.h"
#include "harness/engine/stop_signal.h"
#include "harness/engine/target_limits.h"
#include "harness/engine/target_observer.h"
#include "harness/engine/target_supervisor.h"
#include "harness/load/http_generator.h"
#include "harness/load/storm_generator.h"
#include "harness/result/utc_time.h"
#include "harness/scenario/seeded_random.h"

namespace faultline::engine {

namespace {

using Clock = std::chrono::steady_clock;
using scenario::Duration;

// How often the run loop looks at signals, the target and finished intervals.
constexpr auto kLoopTick = std::chrono::milliseconds(20);
// Lead time between creating the workers and t = 0, so every thread starts on time.
constexpr auto kStartLead = std::chrono::milliseconds(50);
// How long workers get to wind down after load stops before their loops are forced to end.
constexpr auto kStopGrace = std::chrono::seconds(2);

double seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

const char* model_name(scenario::LoadModel model) {
  return model == scenario::LoadModel::open ? "open" : "closed";
}

// The span of a generator's window that counts in its summary: after warm-up, before the end.
template <class Load>
double measured_span_s(const Load& spec, const scenario::Scenario& s, Duration ran) {
  const Duration window_end = spec.length ? spec.start + *spec.length : s.duration;
  const Duration from = std::max(spec.start, s.phases.warmup);
  const Duration to = std::min(window_end, ran);
  return to > from ? seconds(to - from) : 0.0;
}

// Names the run's child cgroup: unique among concurrent runs on the machine.
std::string cgroup_run_id() {
  return std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count());
}

// Drops the generators that would start after `duration` and shortens the ones that would end after it.
template <class Load>
void cut_to(std::vector<Load>& generators, Duration duration) {
  std::erase_if(generators, [&](const Load& g) { return g.start >= duration; });
  for (Load& g : generators) {
    if (g.length && g.start + *g.length > duration) g.length = duration - g.start;
  }
}

// Where messages point at generator `position`: "scenario.json: /load/2".
std::string generator_field(const scenario::Scenario& s, std::size_t position) {
  return s.source_path + ": /load/" + std::to_string(position);
}

// Generator `position`'s seed: from the scenario's, distinct per generator, so that two
// generators' clients do not draw the same jitter (and reconnect in step).
std::uint64_t generator_seed(const scenario::Scenario& s, std::size_t position) {
  return scenario::derive_seed(s.seed, position);
}

// The descriptors the connections the generators may hold at once take in faultline.
std::uint64_t descriptors_needed(const scenario::Scenario& s) {
  std::uint64_t total = 0;
  for (const scenario::HttpLoad& g : s.load) total += connection_descriptors(g.connections, !g.via.empty());
  for (const scenario::ConnectionLoad& g : s.connection_load) total += connection_descriptors(g.connections, !g.via.empty());
  return total;
}

// Where a generator's connections go: its address, the target's, or the proxy it goes through.
template <class Load>
LoadAddress load_address(const Load& spec, const scenario::Endpoint& target, bool allow_remote,
                         const std::optional<NetworkFaults>& network) {
  const std::string field =
      spec.address ? "/load/" + std::to_string(spec.position) + "/address" : "/target/address";
  LoadAddress address = resolve_load_address(spec.address.value_or(target), allow_remote, field);
  // Through a proxy, connections go to the proxy; the Host header still names the target.
  if (!spec.via.empty()) address.endpoint = network->endpoint_of(spec.via);
  return address;
}

// The source addresses each connection generator binds to (source_address_plan.h), counting the
// connections of every generator that reaches the same destination, directly or through a proxy.
std::vector<unsigned> source_addresses(const scenario::Scenario& s, const std::vector<LoadAddress>& http,
                                       const std::vector<LoadAddress>& connection,
                                       const std::optional<NetworkFaults>& network) {
  std::vector<ConnectionDemand> demands;
  const auto demand = [&](const auto& spec, const LoadAddress& address, unsigned sources, bool binds) {
    ConnectionDemand d;
    d.field = generator_field(s, spec.position);
    d.endpoint = address.endpoint;
    if (!spec.via.empty()) d.proxy_upstream = network->upstream_of(spec.via);
    d.connections = spec.connections;
    d.source_addresses = sources;
    d.binds_sources = binds;
    return d;
  };
  for (std::size_t i = 0; i < s.load.size(); ++i) demands.push_back(demand(s.load[i], http[i], 0, false));
  for (std::size_t i = 0; i < s.connection_load.size(); ++i) {
    const scenario::ConnectionLoad& spec = s.connection_load[i];
    demands.push_back(demand(spec, connection[i], spec.source_addresses, true));
  }
  try {
    const std::vector<unsigned> plan = plan_source_addresses(demands, read_ephemeral_ports().value_or(EphemeralPorts{}));
    return {plan.begin() + static_cast<std::ptrdiff_t>(s.load.size()), plan.end()};
  } catch (const std::runtime_error& e) {
    throw EnvironmentError(e.what());
  }
}

}  // namespace

scenario::Scenario with_duration(scenario::Scenario s, Duration duration) {
  s.duration = duration;
  cut_to(s.load, duration);
  cut_to(s.connection_load, duration);
  return s;
}

result::RunResult run_scenario(const scenario::Scenario& requested, const RunOptions& options, RunObserver& observer) {
  const scenario::Scenario s = options.duration ? with_duration(requested, *options.duration) : requested;
  if (s.load.empty() && s.connection_load.empty()) {
    throw UsageError("--duration leaves no load generator anything to do");
  }
  // A connection storm holds a descriptor per connection: make room before anything starts.
  const std::uint64_t descriptors = descriptors_needed(s);
  if (const std::string shortfall = open_files_shortfall(descriptors, raise_open_files_limit(descriptors));
      !shortfall.empty()) {
    throw EnvironmentError(s.source_path + ": " + shortfall);
  }

  result::RunResult r;
  r.scenario = s;
  r.started_at = result::utc_now_iso8601();
  r.cores = std::thread::hardware_concurrency();
  r.interval_s = seconds(s.observe.interval);
  std::filesystem::create_directories(options.out_dir);

  SupervisorSettings settings;
  settings.run_dir = options.out_dir;
  settings.targets_dir = options.targets_dir;
  settings.stop_requested = [] { return requested_stop().has_value(); };
  // Declared before the target, so the target is stopped before its cgroup is removed.
  TargetLimits limits(s, cgroup_run_id());
  TargetSupervisor target(s.target, settings, [&](int pid) { limits.adopt(pid); });
  if (!s.target.spawned() && s.target.pid) limits.adopt(*s.target.pid);
  r.target = target.info();
  r.target.limits = limits.info();

  // Resolve every destination before any load starts: a refused address must run nothing.
  const bool allow_remote = s.allow_remote || options.allow_remote;
  std::optional<NetworkFaults> network;
  if (!s.proxies.empty()) network.emplace(s, target.address(), allow_remote);
  RunFaults executor(network ? &*network : nullptr, target, limits, std::filesystem::read_symlink("/proc/self/exe"),
                     s.duration);
  FaultRunner faults(s, executor);
  std::vector<LoadAddress> addresses;
  for (const scenario::HttpLoad& spec : s.load) {
    addresses.push_back(load_address(spec, target.address(), allow_remote, network));
  }
  std::vector<LoadAddress> connection_addresses;
  for (const scenario::ConnectionLoad& spec : s.connection_load) {
    connection_addresses.push_back(load_address(spec, target.address(), allow_remote, network));
  }

  const Clock::time_point epoch = Clock::now() + kStartLead;
  const load::RunTimeline timeline{epoch, s.duration, s.phases.warmup, s.observe.interval};
  std::vector<std::unique_ptr<load::HttpGenerator>> generators;
  for (std::size_t i = 0; i < s.load.size(); ++i) {
    generators.push_back(std::make_unique<load::HttpGenerator>(s.load[i], addresses[i].endpoint, addresses[i].host_header,
                                                              timeline, generator_seed(s, s.load[i].position)));
  }
  const std::vector<unsigned> sources = source_addresses(s, addresses, connection_addresses, network);
  std::vector<std::unique_ptr<load::StormGenerator>> storms;
  for (std::size_t i = 0; i < s.connection_load.size(); ++i) {
    scenario::ConnectionLoad spec = s.connection_load[i];
    const std::string generator = generator_field(s, spec.position);
    const std::string field = spec.source_addresses > 0
                                  ? generator + "/source_addresses: "
                                  : generator + ": faultline spread the connections over " +
                                        std::to_string(sources[i]) + " source addresses: ";
    spec.source_addresses = sources[i];
    try {
      storms.push_back(std::make_unique<load::StormGenerator>(spec, connection_addresses[i].endpoint,
                                                              connection_addresses[i].host_header, timeline,
                                                              generator_seed(s, spec.position)));
    } catch (const std::invalid_argument& e) {
      throw UsageError(field + e.what());
    } catch (const std::runtime_error& e) {
      throw EnvironmentError(field + e.what());
    }
  }
  observer.on_target_ready(r.target);
  ObserverSettings watching;
  watching.observe = s.observe;
  watching.address = target.address();
  if (s.target.spawned()) {
    watching.stdout_log = std::filesystem::path(options.out_dir) / r.target.stdout_log;
    watching.stderr_log = std::filesystem::path(options.out_dir) / r.target.stderr_log;
  }
  watching.memory_status = [&limits] { return limits.memory_status(); };
  TargetObserver watcher(std::move(watching), epoch);
  watcher.set_pid(target.running_pid());
  AbortGuard guard(observer, s, [&watcher] { return watcher.last_levels(); });
  OomWatch oom;
  for (auto& generator : generators) generator->start();
  for (auto& storm : storms) storm->start();

  std::vector<std::string> names;
  for (const scenario::HttpLoad& spec : s.load) names.push_back(spec.name);
  for (const scenario::ConnectionLoad& spec : s.connection_load) names.push_back(spec.name);
  SeriesCollector series(std::move(names), s.observe.interval);
  // Generator g's intervals into the collector (connection-level ones numbered after the HTTP ones).
  const auto add_intervals = [&](std::size_t g, const auto& intervals, Duration ran) {
    for (const auto& interval : intervals) {
      const double start_s = static_cast<double>(interval.index) * r.interval_s;
      series.add(g, interval, std::clamp(seconds(ran) - start_s, 0.0, r.interval_s));
    }
  };
  const auto collect = [&](bool final_collection, Duration ran) {
    for (std::size_t g = 0; g < generators.size(); ++g) {
      add_intervals(g,
                    final_collection ? generators[g]->take_remaining_intervals()
                                     : generators[g]->take_completed_intervals(),
                    ran);
    }
    for (std::size_t c = 0; c < storms.size(); ++c) {
      add_intervals(generators.size() + c,
                    final_collection ? storms[c]->take_remaining_intervals() : storms[c]->take_completed_intervals(),
                    ran);
    }
    series.notify_completed(guard);
  };
  const auto note_target_event = [&](const result::TargetEvent& event) {
    r.target_events.push_back(event);
    guard.on_target_event(event);
  };
  // Exits, restarts and OOM kills since the last look.
  const auto watch_target = [&] {
    const double now_s = seconds(Clock::now() - epoch);
    if (const auto status = limits.memory_status()) {
      for (const result::TargetEvent& event : oom.update(*status, now_s)) note_target_event(event);
    }
    for (result::TargetEvent event : target.poll(epoch)) {
      if (event.kind == "exit") {
        const OomWatch::ExitCause cause = oom.on_exit(event, limits.memory_limit(), watcher.last_rss_bytes());
        if (cause.event) note_target_event(*cause.event);
        if (cause.oom_killed) {
          event.oom_killed = true;
          event.detail = "OOM-killed at its memory limit";
        }
      }
      note_target_event(event);
    }
    watcher.set_pid(target.running_pid());
  };

  const Clock::time_point end = epoch + s.duration;
  while (Clock::now() < end) {
    Clock::time_point wake = std::min(end, Clock::now() + kLoopTick);
    // Faults start and end on time, not at the next tick.
    if (faults.next_due()) wake = std::min(wake, epoch + *faults.next_due());
    std::this_thread::sleep_until(wake);
    if ((r.interrupted = requested_stop())) break;
    if (guard.triggered()) break;
    faults.apply_due(Clock::now() - epoch);
    if (network) network->sample_due(Clock::now() - epoch);
    watch_target();
    collect(false, Clock::now() - epoch);
  }

  if (const auto& trigger = guard.triggered()) {
    r.aborted = result::AbortRecord{trigger->condition, trigger->held_from_s, trigger->at_s, trigger->detail};
  }
  for (auto& generator : generators) generator->request_stop();
  for (auto& storm : storms) storm->request_stop();
  const Duration ran = std::clamp<Duration>(Clock::now() - epoch, Duration::zero(), s.duration);
  const Clock::time_point join_deadline = Clock::now() + kStopGrace;
  for (auto& generator : generators) generator->join(join_deadline);
  for (auto& storm : storms) storm->join(join_deadline);
  guard.on_load_stopped();
  collect(true, ran);
  r.duration_s = seconds(ran);
  faults.finish(ran);
  r.faults = faults.records();
  if (network) {
    network->finish(ran);
    r.proxies = network->proxy_results();
  }

  for (std::size_t g = 0; g < generators.size(); ++g) {
    const scenario::HttpLoad& spec = s.load[g];
    result::GeneratorResult out;
    out.name = spec.name;
    out.model = model_name(spec.model);
    out.threads = generators[g]->thread_count();
    out.connections = spec.connections;
    out.measured = generators[g]->measured();
    out.summary = result::summarize(out.measured, measured_span_s(spec, s, ran));
    out.series = series.series(g, ran);
    r.load.push_back(std::move(out));
  }
  for (std::size_t c = 0; c < storms.size(); ++c) {
    const scenario::ConnectionLoad& spec = s.connection_load[c];
    result::ConnectionGeneratorResult out;
    out.name = spec.name;
    out.kind = scenario::to_string(spec.kind);
    out.source_addresses = sources[c];
    out.source_addresses_spread_by_faultline = spec.source_addresses == 0 && sources[c] > 0;
    out.threads = storms[c]->thread_count();
    out.connections = spec.connections;
    out.measured = storms[c]->measured();
    out.summary = result::summarize(out.measured, measured_span_s(spec, s, ran));
    out.series = series.connection_series(generators.size() + c, ran);
    out.reconnects = reconnect_records(storms[c]->outages(), r.faults, epoch, seconds(ran));
    out.outages_not_kept = storms[c]->outages_not_kept();
    r.connections.push_back(std::move(out));
  }

  // The target is watched a while longer without load, so what it leaked stands out from what
  // it was still busy with.
  // Settle, then the tail the leak check reads (see analysis/run_analysis.h).
  const double load_end_s = seconds(Clock::now() - epoch);
  const Clock::time_point settled =
      Clock::now() + s.phases.settle +
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(analysis::kLeakTailS));
  // An aborted run stops at once, like an interrupted one: no settle, no leak tail.
  while (!r.interrupted && !r.aborted && Clock::now() < settled) {
    std::this_thread::sleep_until(std::min(settled, Clock::now() + kLoopTick));
    if ((r.interrupted = requested_stop())) break;
    watch_target();
  }
  watch_target();
  watcher.stop();
  watcher.take_results(r);
  if (auto stopped = target.stop(epoch)) {
    stopped->kind = "stopped";
    stopped->detail = "stopped by faultline at the end of the run";
    r.target_events.push_back(*stopped);
  }
  if (std::string error = limits.close(); !error.empty()) {
    r.reasons.push_back("the target's cgroup could not be removed: " + error);
  }

  if (r.interrupted) {
    r.verdict = result::Verdict::interrupted;
    r.reasons.push_back("the run was interrupted by " + *r.interrupted + " after " +
                        std::to_string(static_cast<int>(r.duration_s)) + "s");
  }
  if (r.aborted) {
    if (!r.interrupted) r.verdict = result::Verdict::fail;
    r.reasons.push_back(r.aborted->detail);
  }
  r.analysis = analysis::analyse_run(r, load_end_s);
  r.analysis.comparable = analysis::comparable_metrics(r);
  r.expectations = analysis::evaluate_expectations(r);
  analysis::judge_run(r);
  return r;
}

}  // namespace faultline::engine
