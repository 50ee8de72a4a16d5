#include "harness/observe/log_scanner.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

std::string read_log(const std::string& name) {
  std::ifstream file(std::string(FAULTLINE_TEST_DATA) + "/logs/" + name, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  if (content.str().empty()) throw std::runtime_error("missing test log " + name);
  return content.str();
}

std::vector<LogReport> scan(std::string_view text, double at_s = 0, LogScannerLimits limits = {}) {
  ReportCollector collector;
  LogScanner scanner(collector, limits);
  scanner.feed(text, at_s);
  scanner.finish();
  return collector.reports();
}

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1; }

// A captured sample log and the reports it holds.
struct Expected {
  ReportTool tool;
  const char* kind;
  const char* signature;
  std::uint64_t count;
  const char* first_line;
  const char* last_line;
};

struct LogCase {
  const char* file;
  std::vector<Expected> reports;
};

class LogScannerSamples : public ::testing::TestWithParam<LogCase> {};

void expect_reports(const std::vector<LogReport>& reports, const std::vector<Expected>& expected) {
  ASSERT_EQ(reports.size(), expected.size());
  for (std::size_t i = 0; i < reports.size(); ++i) {
    SCOPED_TRACE("report " + std::to_string(i));
    EXPECT_EQ(reports[i].tool, expected[i].tool);
    EXPECT_EQ(reports[i].kind, expected[i].kind);
    EXPECT_EQ(reports[i].signature, expected[i].signature);
    EXPECT_EQ(reports[i].count, expected[i].count);
    const std::string& text = reports[i].first_text;
    EXPECT_TRUE(text.starts_with(expected[i].first_line)) << text;
    EXPECT_EQ(text.substr(text.rfind('\n') + 1), expected[i].last_line);
  }
}

TEST_P(LogScannerSamples, FindsEveryReportWithKindSignatureAndCount) {
  expect_reports(scan(read_log(GetParam().file)), GetParam().reports);
}

// The same result whatever the chunking: lines split anywhere across feeds.
TEST_P(LogScannerSamples, GivesTheSameResultWhenFedInSmallChunks) {
  const std::string log = read_log(GetParam().file);
  const std::vector<LogReport> whole = scan(log);
  for (const std::size_t chunk : {1u, 7u, 100u}) {
    SCOPED_TRACE("chunks of " + std::to_string(chunk));
    ReportCollector collector;
    LogScanner scanner(collector);
    for (std::size_t at = 0; at < log.size(); at += chunk) scanner.feed(std::string_view(log).substr(at, chunk), 0);
    scanner.finish();
    EXPECT_EQ(collector.reports(), whole);
  }
}

const char* const kTsanWarningPrefix = "WARNING: ThreadSanitizer: ";

INSTANTIATE_TEST_SUITE_P(
    Logs, LogScannerSamples,
    ::testing::Values(
        LogCase{"tsan_data_race.txt",
                {{ReportTool::tsan, "data_race", "bump_counter() > worker()", 1,
                  "WARNING: ThreadSanitizer: data race (pid=20581)",
                  "SUMMARY: ThreadSanitizer: data race /tmp/obs-logs/race.cc:5 in bump_counter()"}}},
        LogCase{"tsan_heap_use_after_free.txt",
                {{ReportTool::tsan, "heap_use_after_free", "close_session(void*) | read_id(Session*) > main", 1,
                  kTsanWarningPrefix, "SUMMARY: ThreadSanitizer: heap-use-after-free /tmp/obs-logs/tsan_uaf.cc:6 in read_id(Session*)"}}},
        LogCase{"tsan_lock_order_inversion.txt",
                {{ReportTool::tsan, "lock_order_inversion", "first() | second()", 1, kTsanWarningPrefix,
                  "SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock) "
                  "/usr/include/x86_64-linux-gnu/c++/12/bits/gthr-default.h:749 in __gthread_mutex_lock"}}},
        LogCase{"tsan_thread_leak.txt",
                {{ReportTool::tsan, "thread_leak", "main", 1, kTsanWarningPrefix,
                  "SUMMARY: ThreadSanitizer: thread leak /tmp/obs-logs/leak.cc:4 in main"}}},
        LogCase{"tsan_signal_unsafe_call.txt",
                {{ReportTool::tsan, "signal_unsafe_call", "on_profile_tick > main", 2, kTsanWarningPrefix,
                  "SUMMARY: ThreadSanitizer: signal-unsafe call inside of a signal /tmp/obs-logs/signal3.cc:5 in "
                  "on_profile_tick"}}},
        LogCase{"asan_heap_use_after_free.txt",
                {{ReportTool::asan, "heap_use_after_free", "main", 1,
                  "==20669==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000014",
                  "SUMMARY: AddressSanitizer: heap-use-after-free /tmp/obs-logs/asan_uaf.cc:1 in main"}}},
        LogCase{"asan_memory_leak.txt",
                {{ReportTool::lsan, "memory_leak", "copy_name(char const*) > main", 1,
                  "==22489==ERROR: LeakSanitizer: detected memory leaks",
                  "SUMMARY: AddressSanitizer: 11 byte(s) leaked in 1 allocation(s)."}}},
        LogCase{"lsan_memory_leak.txt",
                {{ReportTool::lsan, "memory_leak", "keep() > main", 1, "==20691==ERROR: LeakSanitizer: detected memory leaks",
                  "SUMMARY: LeakSanitizer: 64 byte(s) leaked in 1 allocation(s)."}}},
        LogCase{"go_data_race.txt",
                {{ReportTool::go_race, "data_race", "main.(*Counter).Record > main.main.func1", 1, "WARNING: DATA RACE\n",
                  "=================="}}},
        LogCase{"go_map_writes_with_race_detector.txt",
                {{ReportTool::go_race, "data_race", "main.track > main.main.func1 | main.track > main.main.func2", 2,
                  "WARNING: DATA RACE\n", "=================="},
                 {ReportTool::go_runtime, "concurrent_map_write", "main.track", 1, "fatal error: concurrent map writes\n",
                  "\t/tmp/obs-logs/go/maprace/main.go:14 +0x2a"}}},
        LogCase{"go_concurrent_map_writes.txt",
                {{ReportTool::go_runtime, "concurrent_map_write", "main.track", 1, "fatal error: concurrent map writes\n",
                  "\t/tmp/obs-logs/go/maprace/main.go:15 +0x31"}}},
        LogCase{"go_concurrent_map_read_write.txt",
                {{ReportTool::go_runtime, "concurrent_map_read_write", "main.total", 1,
                  "fatal error: concurrent map read and map write\n", "\t/tmp/obs-logs/go/maprw/main.go:22 +0x25"}}},
        LogCase{"go_panic_nil_dereference.txt",
                {{ReportTool::go_runtime, "panic", "main.handler > net/http.HandlerFunc.ServeHTTP > main.main", 1,
                  "panic: runtime error: invalid memory address or nil pointer dereference\n"
                  "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x527be7]\n",
                  "\t/tmp/obs-logs/go/panic/main.go:23 +0x27"}}}),
    [](const auto& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      std::erase(name, '_');
      return name;
    });

TEST(LogScanner, IgnoresTheServicesOwnOutputAroundReports) {
  const std::string log = "listening on 127.0.0.1:8080\nGET /kv/1 200\n" + read_log("tsan_data_race.txt") +
                          "GET /kv/2 200\n" + read_log("go_concurrent_map_writes.txt") + "exit status 2\nrestarted\n";
  const std::vector<LogReport> reports = scan(log);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].kind, "data_race");
  EXPECT_EQ(reports[1].kind, "concurrent_map_write");
  EXPECT_EQ(line_count(reports[1].first_text), 19u);  // "exit status 2" ends the dump, outside it
}

TEST(LogScanner, CountsRepeatsAndKeepsTheTimeOfTheFirst) {
  const std::string race = read_log("tsan_data_race.txt");
  ReportCollector collector;
  LogScanner scanner(collector);
  scanner.feed("starting\n", 0.5);
  scanner.feed(race, 2.25);
  scanner.feed(race, 7.0);
  scanner.finish();
  ASSERT_EQ(collector.reports().size(), 1u);
  EXPECT_EQ(collector.reports()[0].count, 2u);
  EXPECT_EQ(collector.reports()[0].first_at_s, 2.25);
}

TEST(LogScanner, DatesALineByTheChunkItsFirstByteCameIn) {
  ReportCollector collector;
  LogScanner scanner(collector);
  scanner.feed("noise\nfatal err", 3.0);
  scanner.feed("or: concurrent map writes\n\ngoroutine 1 [running]:\nmain.main()\n\t/x.go:1 +0x1\n", 4.0);
  scanner.finish();
  ASSERT_EQ(collector.reports().size(), 1u);
  EXPECT_EQ(collector.reports()[0].first_at_s, 3.0);
  EXPECT_EQ(collector.reports()[0].signature, "main.main");
}

TEST(LogScanner, ALastLineWithoutNewlineCountsAtFinish) {
  const std::vector<LogReport> reports = scan("panic: boom");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "panic");
  EXPECT_EQ(reports[0].first_text, "panic: boom");
}

TEST(LogScanner, StripsCarriageReturns) {
  const std::vector<LogReport> reports = scan("WARNING: DATA RACE\r\n  main.f()\r\n      /a.go:1 +0x1\r\n==================\r\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].first_text, "WARNING: DATA RACE\n  main.f()\n      /a.go:1 +0x1\n==================");
}

TEST(LogScanner, ANewReportEndsOneWhoseSummaryNeverCame) {
  std::string race = read_log("tsan_data_race.txt");
  race = race.substr(0, race.find("SUMMARY:"));  // the target died mid-report
  const std::vector<LogReport> reports = scan(race + read_log("tsan_thread_leak.txt"));
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].kind, "data_race");
  EXPECT_EQ(reports[0].signature, "bump_counter() > worker()");
  EXPECT_EQ(reports[1].kind, "thread_leak");
}

TEST(LogScanner, ClosesAReportWithoutEndAfterTheLineBound) {
  std::string log = "WARNING: ThreadSanitizer: data race (pid=1)\n    #0 f() /a.cc:1 (a+0x1)\n";
  for (int i = 0; i < 100; ++i) log += "  garbage line " + std::to_string(i) + "\n";
  log += "WARNING: DATA RACE\n";
  LogScannerLimits limits;
  limits.max_report_lines = 10;
  const std::vector<LogReport> reports = scan(log, 0, limits);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].signature, "f()");
  EXPECT_EQ(line_count(reports[0].first_text), 11u);
  EXPECT_TRUE(reports[0].first_text.ends_with("\n[faultline: report closed after 10 lines without its end]"));
  EXPECT_EQ(reports[1].tool, ReportTool::go_race);  // closed at finish(), as it stands
}

TEST(LogScanner, CutsTheTextOfALongReportAndSaysSo) {
  std::string log = "WARNING: ThreadSanitizer: data race (pid=1)\n";
  for (int i = 0; i < 200; ++i) log += "    #" + std::to_string(i) + " f() /a.cc:1 (a+0x1)\n";
  log += "SUMMARY: ThreadSanitizer: data race /a.cc:1 in f()\n";
  LogScannerLimits limits;
  limits.max_report_text_bytes = 1000;
  const std::vector<LogReport> reports = scan(log, 0, limits);
  ASSERT_EQ(reports.size(), 1u);
  const std::string marker = "\n[faultline: report cut at 1000 bytes]";
  ASSERT_TRUE(reports[0].first_text.ends_with(marker)) << reports[0].first_text;
  EXPECT_EQ(reports[0].first_text.size(), 1000 + marker.size());
  EXPECT_EQ(reports[0].signature, "f() > f() > f()");  // frames past the cut still count
}

TEST(LogScanner, CutsAtACharacterBoundary) {
  LogScannerLimits limits;
  limits.max_report_text_bytes = 12;
  const std::vector<LogReport> reports = scan("panic: \xC3\xA9\xC3\xA9\xC3\xA9", 0, limits);  // "éé é" in UTF-8
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].first_text.starts_with("panic: \xC3\xA9\xC3\xA9\n[faultline: report cut"));
}

TEST(LogScanner, CutsAnOverlongLineAndSkipsItsRest) {
  LogScannerLimits limits;
  limits.max_line_bytes = 30;
  const std::string long_message(1000, 'x');
  const std::vector<LogReport> reports = scan("panic: " + long_message + "\n", 0, limits);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].first_text, "panic: " + long_message.substr(0, 23));
}

TEST(LogScanner, OnlyRecognisesReportsAtTheStartOfALine) {
  EXPECT_TRUE(scan("log: saw WARNING: DATA RACE in a test\nmessage says panic: no\n").empty());
}

TEST(LogScanner, ReadsAThreadSanitizerCrash) {
  const std::vector<LogReport> reports = scan(
      "==4242==ERROR: ThreadSanitizer: SEGV on unknown address 0x000000000000 (pc 0x55d1 bp 0x7ffc sp 0x7ffc T4242)\n"
      "==4242==The signal is caused by a READ memory access.\n"
      "    #0 Store::get(int) /src/store.cc:10 (kvstore+0x1234)\n"
      "    #1 main /src/main.cc:5 (kvstore+0x1300)\n"
      "\n"
      "SUMMARY: ThreadSanitizer: SEGV /src/store.cc:10 in Store::get(int)\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].tool, ReportTool::tsan);
  EXPECT_EQ(reports[0].kind, "segv");
  EXPECT_EQ(reports[0].signature, "Store::get(int) > main");
}

TEST(LogScanner, TakesTheAddressSanitizerKindFromItsSummary) {
  const std::vector<LogReport> reports = scan(
      "==9==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:\n"
      "    #0 0x7f3 in operator delete(void*) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:152\n"
      "    #1 0x55a in Cache::evict() /src/cache.cc:40\n"
      "SUMMARY: AddressSanitizer: double-free ../../../../src/libsanitizer/asan/asan_new_delete.cpp:152 in operator "
      "delete(void*)\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "double_free");
  EXPECT_EQ(reports[0].signature, "Cache::evict()");
}

TEST(LogScanner, ReadsAFatalErrorWithItsRuntimeStack) {
  const std::vector<LogReport> reports = scan(
      "fatal error: all goroutines are asleep - deadlock!\n\n"
      "runtime stack:\nruntime.throw({0x4b1b9b?, 0x0?})\n\t/usr/lib/go-1.19/src/runtime/panic.go:1047 +0x5d fp=0xc sp=0xc pc=0x4\n\n"
      "goroutine 1 [chan receive]:\nmain.(*Hub).wait(0xc000010000)\n\t/src/hub.go:30 +0x45\nmain.main()\n\t/src/main.go:9 +0x1d\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "deadlock");
  EXPECT_EQ(reports[0].signature, "main.(*Hub).wait > main.main");
}

TEST(LogScanner, ReadsANestedPanic) {
  const std::vector<LogReport> reports = scan(
      "panic: first [recovered]\n\tpanic: second\n\ngoroutine 7 [running]:\npanic({0x5d0f20, 0xc0000c6000})\n"
      "\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x212\nmain.serve(...)\n\t/src/main.go:12\n"
      "created by main.main\n\t/src/main.go:20 +0x5c\n");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].signature, "main.serve");
  EXPECT_EQ(line_count(reports[0].first_text), 10u);
}

}  // namespace
}  // namespace faultline::observe
