// Memory of idle WebSocket clients (issue 7: under 16 KiB of faultline memory per idle WebSocket
// connection at 10,000 connections in one process). N clients of the load library (StormWorker +
// WebSocketLoad, no messages, no heartbeat) connect at once to the bundled kvstore on 127.0.0.1;
// once all are open, this process's memory is read, then every connection is closed and kvstore
// stopped. Arg: N. One iteration per N (a storm is not repeatable in a loop); the reported time is
// the slowest client's connect (TCP connect + upgrade, all clients starting together).
//
// Counters (KiB = 1024 bytes, to compare with the goal):
//   rss_KiB_per_conn       growth of this process's VmRSS (/proc/self/status) per connection:
//                          what the kernel charges for it, allocator slack and fixed costs included
//   malloc_KiB_per_conn    growth of the bytes malloc has handed out and not taken back
//                          (mallinfo2 uordblks + hblkhd, every arena) per connection
//   kvstore_rss_KiB_per_conn  the same VmRSS growth of kvstore (the other end), for scale
//   cpu_us_per_conn, kvstore_cpu_us_per_conn  CPU time (user + system, every thread) spent by
//                          this process and by kvstore from the start to all clients open, per
//                          connection: the two share the machine's cores, so both make the connect time
// Socket buffers are kernel memory and appear in neither figure.
//
// kvstore is <this binary's directory>/targets/kvstore (where a build puts it), or
// --kvstore=PATH, or $FAULTLINE_KVSTORE.
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/engine/free_port.h"
#include "harness/engine/open_files_limit.h"
#include "harness/engine/readiness_probe.h"
#include "harness/engine/target_process.h"
#include "harness/load/storm_stats.h"
#include "harness/load/storm_worker.h"
#include "harness/load/websocket_client.h"
#include "harness/load/websocket_load.h"
#include "harness/observe/proc_stat.h"
#include "tests/unit/observe/temp_dir.h"

namespace faultline::load {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kConnectWait = std::chrono::seconds(60);  // all clients open by then, or the run fails
constexpr auto kCloseWait = std::chrono::seconds(30);    // close handshakes of every client
constexpr auto kPollInterval = std::chrono::milliseconds(100);
constexpr std::uint64_t kSpareKvstoreConnections = 64;  // the readiness probe and a margin
constexpr std::size_t kStderrShownBytes = 1000;

fs::path g_kvstore;  // set by main()

// The whole of /proc/<pid>/<name>; empty when it cannot be read.
std::string proc_file(const std::string& pid, const char* name) {
  std::ifstream file("/proc/" + pid + "/" + name);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// VmRSS of /proc/<pid>/status in bytes; 0 when it cannot be read.
std::uint64_t vm_rss_bytes(const std::string& pid) {
  return observe::parse_proc_status(proc_file(pid, "status")).rss_bytes.value_or(0);
}

std::uint64_t malloc_in_use_bytes() {
  const struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;
}

// CPU time (user + system) of this process, every thread.
double own_cpu_s() {
  ::rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const ::timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU time (user + system) of process `pid` from /proc/<pid>/stat; 0 when it cannot be read.
double cpu_s(const std::string& pid) {
  const std::optional<observe::ProcStat> stat = observe::parse_proc_stat(proc_file(pid, "stat"));
  if (!stat) return 0;
  return static_cast<double>(stat->user_ticks + stat->system_ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Reading {
  std::uint64_t rss_bytes = 0;
  std::uint64_t malloc_bytes = 0;
  double cpu_s = 0;
  std::uint64_t kvstore_rss_bytes = 0;
  double kvstore_cpu_s = 0;
};

// kvstore on 127.0.0.1 with room for `connections`; stopped by its PID (TargetProcess's
// destructor) however the benchmark ends.
class Kvstore {
 public:
  explicit Kvstore(std::uint64_t connections) : port_(engine::pick_free_port()), process_(spawn(connections)) {
    scenario::ReadyCheck check;
    check.timeout = std::chrono::seconds(10);
    const engine::ReadyResult ready = engine::wait_until_ready(
        scenario::Endpoint{"127.0.0.1", port_}, check, [this] { return !process_.poll_exit().has_value(); });
    if (ready.outcome != engine::ReadyResult::Outcome::ready)
      throw std::runtime_error("kvstore " + ready.describe() + "; its stderr: " + stderr_head());
  }

  std::uint16_t port() const { return port_; }
  std::uint64_t resident_bytes() const { return vm_rss_bytes(std::to_string(process_.pid())); }
  double cpu_s() const { return load::cpu_s(std::to_string(process_.pid())); }

 private:
  // The start of kvstore's stderr, which says why it did not come up (the log goes with logs_).
  std::string stderr_head() const {
    std::ifstream log(process_.stderr_path());
    std::string head(kStderrShownBytes, '\0');
    log.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(log.gcount()));
    return head;
  }

  engine::TargetProcess spawn(std::uint64_t connections) const {
    engine::SpawnSpec spec;
    spec.argv = {g_kvstore.string(), "--port", std::to_string(port_), "--max-connections",
                 std::to_string(connections + kSpareKvstoreConnections)};
    spec.output_dir = logs_.path();
    spec.stop_grace = std::chrono::seconds(5);
    return engine::TargetProcess::spawn(spec);
  }

  observe::TempDir logs_;  // kvstore's logs, removed with the directory
  std::uint16_t port_;
  engine::TargetProcess process_;
};

// Appends the worker's intervals, in order, to what they added up to so far.
void append_intervals(StormStats& tally, const std::vector<StormInterval>& intervals) {
  for (const StormInterval& interval : intervals) tally.append(interval.stats);
}

std::unique_ptr<StormWorker> start_clients(const Kvstore& kvstore, std::uint32_t clients) {
  auto config = std::make_shared<WebSocketClientConfig>();
  config->endpoint = {boost::asio::ip::make_address("127.0.0.1"), kvstore.port()};
  config->host = "127.0.0.1:" + std::to_string(kvstore.port());
  config->path = "/ws";
  WebSocketLoadPlan plan;
  plan.client = std::move(config);
  plan.clients = clients;
  StormSchedule schedule;
  schedule.epoch = Clock::now();
  schedule.length = std::chrono::minutes(10);  // far beyond the waits below: the run is ended by request_stop()
  schedule.run_length = schedule.length;
  schedule.interval = kPollInterval;
  auto worker = std::make_unique<StormWorker>(schedule, [&](boost::asio::io_context& io, StormRecorder& recorder) {
    return std::make_unique<WebSocketLoad>(io, recorder, plan);
  });
  worker->start();
  return worker;
}

// Polls until every client is open; false when kConnectWait passes first.
bool wait_until_open(StormWorker& worker, std::uint32_t clients, StormStats& tally) {
  const Clock::time_point deadline = Clock::now() + kConnectWait;
  while (Clock::now() < deadline) {
    std::this_thread::sleep_for(kPollInterval);
    append_intervals(tally, worker.take_intervals());
    if (tally.connected.last == clients) return true;
  }
  return false;
}

std::string connect_shortfall(const StormStats& tally, std::uint32_t clients) {
  return std::to_string(tally.connected.last) + " of " + std::to_string(clients) + " clients open after " +
         std::to_string(kConnectWait.count()) + " s (" + std::to_string(tally.counts.connect_attempts) +
          " attempts, " + std::to_string(tally.counts.connect_failure_total()) + " failed connects)";
}

void BM_IdleWebSocketClients(benchmark::State& state) {
  const auto clients = static_cast<std::uint32_t>(state.range(0));
  const std::string shortfall = engine::open_files_shortfall(clients, engine::raise_open_files_limit(clients));
  if (!shortfall.empty()) {
    state.SkipWithError(shortfall.c_str());
    return;
  }
  std::optional<Kvstore> kvstore;
  try {
    kvstore.emplace(clients);  // after the raise: it inherits the limit
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  const std::string self = std::to_string(::getpid());
  StormStats tally;  // its histograms are allocated before the baseline reading, so not counted in it
  Reading before, after;
  for (auto _ : state) {
    ::malloc_trim(0);  // pages an earlier run freed go back, so they do not hide this run's growth
    before = {vm_rss_bytes(self), malloc_in_use_bytes(), own_cpu_s(), kvstore->resident_bytes(), kvstore->cpu_s()};
    std::unique_ptr<StormWorker> worker = start_clients(*kvstore, clients);
    const bool open = wait_until_open(*worker, clients, tally);
    append_intervals(tally, worker->take_intervals());  // hands back what the mailbox holds before reading
    after = {vm_rss_bytes(self), malloc_in_use_bytes(), own_cpu_s(), kvstore->resident_bytes(), kvstore->cpu_s()};
    worker->request_stop();
    worker->join(Clock::now() + kCloseWait);
    append_intervals(tally, worker->take_intervals());
    worker.reset();
    if (!open) {
      state.SkipWithError(connect_shortfall(tally, clients).c_str());
      break;
    }
    state.SetIterationTime(static_cast<double>(tally.connect_latency_us.max()) / 1e6);
  }
  if (state.error_occurred()) return;
  const auto kib_per_connection = [&](std::uint64_t from, std::uint64_t to) {
    return (static_cast<double>(to) - static_cast<double>(from)) / 1024 / clients;
  };
  state.counters["rss_KiB_per_conn"] = kib_per_connection(before.rss_bytes, after.rss_bytes);
  state.counters["malloc_KiB_per_conn"] = kib_per_connection(before.malloc_bytes, after.malloc_bytes);
  state.counters["kvstore_rss_KiB_per_conn"] =
      kib_per_connection(before.kvstore_rss_bytes, after.kvstore_rss_bytes);
  state.counters["rss_growth_MiB"] = (static_cast<double>(after.rss_bytes) - before.rss_bytes) / (1 << 20);
  state.counters["cpu_us_per_conn"] = (after.cpu_s - before.cpu_s) * 1e6 / clients;
  state.counters["kvstore_cpu_us_per_conn"] = (after.kvstore_cpu_s - before.kvstore_cpu_s) * 1e6 / clients;
  state.counters["connect_p50_ms"] = static_cast<double>(tally.connect_latency_us.value_at_quantile(0.5)) / 1e3;
  state.counters["connect_failures"] = static_cast<double>(tally.counts.connect_failure_total());
  state.counters["lost_while_idle"] = static_cast<double>(tally.counts.disconnect_total());
  state.counters["closed"] = static_cast<double>(tally.counts.closed);
}
BENCHMARK(BM_IdleWebSocketClients)->Arg(1000)->Arg(10000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// Takes --kvstore=PATH out of argv (Google Benchmark rejects flags it does not know).
fs::path kvstore_path(int& argc, char** argv) {
  constexpr std::string_view kFlag = "--kvstore=";
  std::optional<fs::path> from_flag;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(kFlag))
      from_flag = fs::path(arg.substr(kFlag.size()));
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  if (from_flag) return *from_flag;
  if (const char* from_env = std::getenv("FAULTLINE_KVSTORE")) return from_env;
  return fs::read_symlink("/proc/self/exe").parent_path() / "targets" / "kvstore";
}

}  // namespace
}  // namespace faultline::load

int main(int argc, char** argv) {
  faultline::load::g_kvstore = faultline::load::kvstore_path(argc, argv);
  if (!std::filesystem::exists(faultline::load::g_kvstore)) {
    std::cerr << faultline::load::g_kvstore.string() << ": no kvstore there; build the kvstore target, or pass "
              << "--kvstore=PATH or set FAULTLINE_KVSTORE\n";
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
