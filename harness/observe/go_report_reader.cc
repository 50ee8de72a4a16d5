#include "harness/observe/go_report_reader.h"

#include <utility>

#include "harness/observe/stack_signature.h"

namespace faultline::observe {

namespace {

// Go 1.19's race report: headers at the start of a line ("Read at 0x.. by goroutine 8:"),
// frames as a function line indented by two spaces and a location line by six; it ends with
// a line of '='.
class RaceReader : public ReportReader {
 public:
  Verdict read(std::string_view line) override {
    if (line.starts_with("==================")) return Verdict::last;
    if (line.starts_with("  ") && !line.starts_with("   ")) {
      if (std::optional<std::string> function = parse_go_function(line))
        signature_.add_frame(std::move(*function), is_go_runtime_function(*function));
    } else if (!line.empty() && line.front() != ' ') {
      // "Goroutine 8 (running) created at:" says where the goroutine began, not the race.
      signature_.begin_stack(!line.starts_with("Goroutine "));
    }
    return Verdict::part;
  }

  ReportIdentity identity() const override { return {ReportTool::go_race, "data_race", signature_.signature()}; }

 private:
  SignatureBuilder signature_;
};

// A fatal error or panic, then a traceback: "goroutine N [state]:" blocks of function lines,
// each followed by a tab-indented location, separated by blank lines. The first block is the
// goroutine that failed; the others were merely running, so only it makes the signature. The
// dump ends at the first line that cannot be part of it (usually the end of the output, or
// "exit status 2" from go run).
class CrashReader : public ReportReader {
 public:
  explicit CrashReader(std::string kind) : kind_(std::move(kind)) {}

  Verdict read(std::string_view line) override {
    if (line.empty() || line.front() == '\t' || line.front() == '[' || line.starts_with("created by ") ||
        line == "...additional frames elided...")
      return Verdict::part;
    if (line.starts_with("goroutine ") && line.ends_with("]:")) {
      signature_.begin_stack(++goroutines_ == 1);
      return Verdict::part;
    }
    if (line == "runtime stack:") {
      signature_.begin_stack(false);
      return Verdict::part;
    }
    if (std::optional<std::string> function = parse_go_function(line); function && line.front() != ' ') {
      signature_.add_frame(std::move(*function), is_go_runtime_function(*function));
      return Verdict::part;
    }
    return Verdict::not_part;
  }

  ReportIdentity identity() const override { return {ReportTool::go_runtime, kind_, signature_.signature()}; }

 private:
  std::string kind_;
  int goroutines_ = 0;
  SignatureBuilder signature_;
};

}  // namespace

std::string go_fatal_kind(std::string_view message) {
  if (message == "concurrent map writes") return "concurrent_map_write";
  if (message == "concurrent map read and map write") return "concurrent_map_read_write";
  if (message == "concurrent map iteration and map write") return "concurrent_map_iteration_write";
  if (message.starts_with("all goroutines are asleep")) return "deadlock";
  if (message.find("out of memory") != std::string_view::npos) return "out_of_memory";
  if (message == "stack overflow") return "stack_overflow";
  return "fatal_error";
}

std::unique_ptr<ReportReader> start_go_report(std::string_view line) {
  if (line == "WARNING: DATA RACE") return std::make_unique<RaceReader>();
  if (line.starts_with("fatal error: ")) return std::make_unique<CrashReader>(go_fatal_kind(line.substr(13)));
  if (line.starts_with("panic: ")) return std::make_unique<CrashReader>("panic");
  return nullptr;
}

}  // namespace faultline::observe
