// Cost of one /proc sample of a process tree, taken on this benchmark's own process: the scan
// of every /proc/<pid>/stat (to find descendants) plus status and fd/ of the tree's processes,
// and optionally task/<tid>/status of each thread. Arg: threads in the sampled process; the
// second variant reads the main thread's context switches only.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "harness/observe/proc_sampler.h"

namespace faultline::observe {
namespace {

// Idle threads that make the sampled process look like a threaded server; they end with it.
class IdleThreads {
 public:
  explicit IdleThreads(std::int64_t count) {
    for (std::int64_t i = 0; i < count; ++i)
      threads_.emplace_back([this] {
        std::unique_lock lock(mutex_);
        released_.wait(lock, [this] { return done_; });
      });
  }
  ~IdleThreads() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    released_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool done_ = false;
  std::vector<std::thread> threads_;
};

// Processes on the machine: the scan reads the stat file of each, so the cost grows with it.
double processes_on_machine() {
  double count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) ++count;
  }
  return count;
}

void sample_own_tree(benchmark::State& state, bool every_thread) {
  const IdleThreads idle(state.range(0) - 1);
  ProcSamplerOptions options = system_proc_sampler_options();
  options.context_switches_of_every_thread = every_thread;
  ProcSampler sampler(options);
  for (auto _ : state) {
    const ProcessTreeSample sample = sampler.sample(::getpid());
    benchmark::DoNotOptimize(sample);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["machine_processes"] = processes_on_machine();
}

void BM_SampleOwnTree(benchmark::State& state) { sample_own_tree(state, true); }
BENCHMARK(BM_SampleOwnTree)->Arg(1)->Arg(16)->Arg(256)->Unit(benchmark::kMicrosecond);

void BM_SampleOwnTreeMainThreadSwitches(benchmark::State& state) { sample_own_tree(state, false); }
BENCHMARK(BM_SampleOwnTreeMainThreadSwitches)->Arg(1)->Arg(16)->Arg(256)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace faultline::observe

BENCHMARK_MAIN();
