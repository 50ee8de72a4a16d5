#include "harness/observe/proc_sampler.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/unit/observe/temp_dir.h"

namespace faultline::observe {
namespace {

namespace fs = std::filesystem;

// One process of a fake /proc tree.
struct FakeProcess {
  int pid = 0;
  int ppid = 1;
  std::string comm = "worker";
  char state = 'S';
  std::uint64_t user_ticks = 0;
  std::uint64_t system_ticks = 0;
  std::uint64_t reaped_ticks = 0;  // cutime; cstime is left 0
  std::uint64_t threads = 1;
  std::uint64_t resident_pages = 0;
  std::optional<std::uint64_t> rss_kib;  // VmRSS; absent like a zombie's when unset
  std::optional<std::uint64_t> peak_kib;
  std::uint64_t voluntary = 0;
  std::uint64_t involuntary = 0;
  int fds = 0;
  // Context switches (voluntary, involuntary) of the other threads, under task/<tid>/status.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> other_threads;
};

class FakeProc {
 public:
  const fs::path& root() const { return dir_.path(); }

  void add(const FakeProcess& process) {
    const fs::path base = std::to_string(process.pid);
    dir_.write(base / "stat", std::to_string(process.pid) + " (" + process.comm + ") " + process.state + " " +
                                  std::to_string(process.ppid) + " 1 1 0 -1 0 0 0 0 0 " +
                                  std::to_string(process.user_ticks) + " " + std::to_string(process.system_ticks) +
                                  " " + std::to_string(process.reaped_ticks) + " 0 20 0 " +
                                  std::to_string(process.threads) + " 0 100 1000 " +
                                  std::to_string(process.resident_pages) + " 0 0 0\n");
    dir_.write(base / "status", status_text(process.rss_kib, process.peak_kib, process.voluntary, process.involuntary));
    fs::create_directories(root() / base / "fd");
    for (int fd = 0; fd < process.fds; ++fd) dir_.write(base / "fd" / std::to_string(fd), "");
    dir_.write(base / "task" / std::to_string(process.pid) / "status",
               status_text(process.rss_kib, process.peak_kib, process.voluntary, process.involuntary));
    int tid = process.pid * 100;
    for (const auto& [voluntary, involuntary] : process.other_threads)
      dir_.write(base / "task" / std::to_string(++tid) / "status", status_text({}, {}, voluntary, involuntary));
  }

  void remove(const fs::path& relative) { fs::remove_all(root() / relative); }
  void write(const fs::path& relative, const std::string& content) { dir_.write(relative, content); }

 private:
  static std::string status_text(std::optional<std::uint64_t> rss_kib, std::optional<std::uint64_t> peak_kib,
                                 std::uint64_t voluntary, std::uint64_t involuntary) {
    std::string text = "Name:\tworker\nState:\tS (sleeping)\n";
    if (peak_kib) text += "VmHWM:\t" + std::to_string(*peak_kib) + " kB\n";
    if (rss_kib) text += "VmRSS:\t" + std::to_string(*rss_kib) + " kB\n";
    return text + "voluntary_ctxt_switches:\t" + std::to_string(voluntary) + "\nnonvoluntary_ctxt_switches:\t" +
           std::to_string(involuntary) + "\n";
  }

  TempDir dir_;
};

ProcSamplerOptions fake_options(const fs::path& root) {
  ProcSamplerOptions options;
  options.proc_root = root;
  options.clock_ticks_per_s = 100;
  options.page_size_bytes = 4096;
  return options;
}

FakeProcess process(int pid, int ppid) {
  FakeProcess result;
  result.pid = pid;
  result.ppid = ppid;
  return result;
}

TEST(ProcSampler, SumsTheRootAndAllItsDescendantsOnly) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.threads = 4;
  root.fds = 5;
  root.rss_kib = 1000;
  root.peak_kib = 1500;
  root.voluntary = 10;
  root.involuntary = 2;
  FakeProcess child = process(101, 100);
  child.threads = 2;
  child.fds = 3;
  child.rss_kib = 200;
  child.peak_kib = 300;
  FakeProcess grandchild = process(102, 101);
  grandchild.fds = 1;
  grandchild.rss_kib = 50;
  grandchild.peak_kib = 60;
  proc.add(root);
  proc.add(child);
  proc.add(grandchild);
  // Neither the unrelated process nor its child belongs to the tree.
  FakeProcess stranger = process(200, 1);
  stranger.threads = 99;
  stranger.fds = 7;
  proc.add(stranger);
  proc.add(process(201, 200));
  proc.write("self/stat", "not a process directory");

  ProcSampler sampler(fake_options(proc.root()));
  const ProcessTreeSample sample = sampler.sample(100);

  EXPECT_EQ(sample.processes, 3u);
  EXPECT_EQ(sample.threads, 7u);
  EXPECT_EQ(sample.open_fds, 9u);
  EXPECT_EQ(sample.rss_bytes, 1250u * 1024);
  EXPECT_EQ(sample.peak_rss_bytes, 1860u * 1024);
  EXPECT_EQ(sample.voluntary_context_switches, 10u);
  EXPECT_EQ(sample.involuntary_context_switches, 2u);
}

TEST(ProcSampler, LeavesOutAZombieRootButCountsItsLiveDescendants) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.state = 'Z';
  root.threads = 1;
  proc.add(root);
  FakeProcess child = process(101, 100);
  child.threads = 3;
  child.fds = 2;
  proc.add(child);
  ProcSampler sampler(fake_options(proc.root()));
  const ProcessTreeSample sample = sampler.sample(100);
  EXPECT_EQ(sample.processes, 1u);
  EXPECT_EQ(sample.threads, 3u);
  EXPECT_EQ(sample.open_fds, 2u);
}

TEST(ProcSampler, SamplingADescendantCoversOnlyItsSubtree) {
  FakeProc proc;
  proc.add(process(100, 1));
  proc.add(process(101, 100));
  proc.add(process(102, 101));
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_EQ(sampler.sample(101).processes, 2u);
}

TEST(ProcSampler, AMissingRootGivesAnEmptySample) {
  FakeProc proc;
  proc.add(process(100, 1));
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_EQ(sampler.sample(555), ProcessTreeSample{});
}

TEST(ProcSampler, AMissingProcRootGivesAnEmptySample) {
  ProcSampler sampler(fake_options("/nonexistent/faultline-proc"));
  EXPECT_EQ(sampler.sample(1), ProcessTreeSample{});
}

// A process can exit between the listing of /proc and the reading of each of its files.
struct VanishCase {
  const char* name;
  const char* removed;  // relative to the child's directory
};

class ProcSamplerVanishing : public ::testing::TestWithParam<VanishCase> {};

TEST_P(ProcSamplerVanishing, SkipsAProcessThatVanishedMidScan) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.threads = 3;
  proc.add(root);
  FakeProcess child = process(101, 100);
  child.threads = 5;
  proc.add(child);
  proc.remove(fs::path("101") / GetParam().removed);

  ProcSampler sampler(fake_options(proc.root()));
  const ProcessTreeSample sample = sampler.sample(100);
  EXPECT_EQ(sample.processes, 1u);
  EXPECT_EQ(sample.threads, 3u);
}

INSTANTIATE_TEST_SUITE_P(Files, ProcSamplerVanishing,
                         ::testing::Values(VanishCase{"Stat", "stat"}, VanishCase{"Status", "status"},
                                           VanishCase{"FdDirectory", "fd"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ProcSampler, SkipsAProcessWhoseStatIsGarbled) {
  FakeProc proc;
  proc.add(process(100, 1));
  proc.add(process(101, 100));
  proc.write("101/stat", "101 (worker");
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_EQ(sampler.sample(100).processes, 1u);
}

TEST(ProcSampler, TakesRssFromStatWhenStatusHasNone) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.resident_pages = 3;  // and no VmRSS, VmHWM
  proc.add(root);
  ProcSampler sampler(fake_options(proc.root()));
  const ProcessTreeSample sample = sampler.sample(100);
  EXPECT_EQ(sample.rss_bytes, 3u * 4096);
  EXPECT_EQ(sample.peak_rss_bytes, 0u);
}

TEST(ProcSampler, CountsCpuTimeIncludingReapedChildrenInSeconds) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.user_ticks = 150;
  root.system_ticks = 50;
  root.reaped_ticks = 25;
  proc.add(root);
  FakeProcess child = process(101, 100);
  child.user_ticks = 100;
  proc.add(child);
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_DOUBLE_EQ(sampler.sample(100).cpu_s, 3.25);
}

struct SwitchCase {
  const char* name;
  bool every_thread;
  std::uint64_t voluntary;
  std::uint64_t involuntary;
};

class ProcSamplerSwitches : public ::testing::TestWithParam<SwitchCase> {};

TEST_P(ProcSamplerSwitches, CountsTheThreadsAsConfigured) {
  FakeProc proc;
  FakeProcess root = process(100, 1);
  root.threads = 3;
  root.voluntary = 10;
  root.involuntary = 1;
  root.other_threads = {{5, 2}, {7, 3}};
  proc.add(root);
  ProcSamplerOptions options = fake_options(proc.root());
  options.context_switches_of_every_thread = GetParam().every_thread;
  ProcSampler sampler(options);
  const ProcessTreeSample sample = sampler.sample(100);
  EXPECT_EQ(sample.voluntary_context_switches, GetParam().voluntary);
  EXPECT_EQ(sample.involuntary_context_switches, GetParam().involuntary);
}

INSTANTIATE_TEST_SUITE_P(Scopes, ProcSamplerSwitches,
                         ::testing::Values(SwitchCase{"EveryThread", true, 22, 6},
                                           SwitchCase{"MainThreadOnly", false, 10, 1}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ProcSampler, FindsTheTreeWhenCommHoldsSpacesAndParentheses) {
  FakeProc proc;
  proc.add(process(100, 1));
  FakeProcess child = process(101, 100);
  child.comm = "evil) S 1 (x";
  proc.add(child);
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_EQ(sampler.sample(100).processes, 2u);
}

TEST(ProcSampler, EndsOnAParentLoopInABrokenTree) {
  FakeProc proc;
  proc.add(process(100, 102));
  proc.add(process(101, 100));
  proc.add(process(102, 101));
  ProcSampler sampler(fake_options(proc.root()));
  EXPECT_EQ(sampler.sample(100).processes, 3u);
}

// The real /proc: this process and a child it forked, which waits on a pipe until released.
TEST(ProcSampler, SamplesThisProcessAndItsChildFromTheRealProc) {
  int release[2];
  ASSERT_EQ(::pipe(release), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(release[1]);
    char byte;
    (void)!::read(release[0], &byte, 1);  // returns when the parent closes its end
    ::_exit(0);
  }
  ::close(release[0]);

  ProcSampler sampler(system_proc_sampler_options());
  const ProcessTreeSample sample = sampler.sample(::getpid());

  ::close(release[1]);
  int status = 0;
  ::waitpid(child, &status, 0);

  EXPECT_EQ(sample.processes, 2u);
  EXPECT_GE(sample.threads, 2u);
  EXPECT_GE(sample.open_fds, 4u);  // stdin, stdout, stderr of each, and the pipe ends
  EXPECT_GT(sample.rss_bytes, 0u);
  EXPECT_GE(sample.peak_rss_bytes, sample.rss_bytes);
}

}  // namespace
}  // namespace faultline::observe
