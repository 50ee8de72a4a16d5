#include "harness/observe/sanitizer_report_reader.h"

#include <utility>

#include "harness/observe/stack_signature.h"

namespace faultline::observe {

namespace {

constexpr std::string_view kTsanWarning = "WARNING: ThreadSanitizer: ";

// The report types ThreadSanitizer prints (tsan_report.cpp), with the kinds faultline names.
struct TsanType {
  std::string_view text;
  std::string_view kind;
};
constexpr TsanType kTsanTypes[] = {
    {"data race", "data_race"},
    {"data race on vptr (ctor/dtor vs virtual call)", "data_race_vptr"},
    {"heap-use-after-free", "heap_use_after_free"},
    {"heap-use-after-free (virtual call vs free)", "heap_use_after_free_vptr"},
    {"thread leak", "thread_leak"},
    {"destroy of a locked mutex", "destroy_locked_mutex"},
    {"double lock of a mutex", "double_lock"},
    {"use of an invalid mutex (e.g. uninitialized or destroyed)", "invalid_mutex"},
    {"unlock of an unlocked mutex (or by a wrong thread)", "unlock_unlocked_mutex"},
    {"read lock of a write locked mutex", "read_lock_of_write_locked_mutex"},
    {"read unlock of a write locked mutex", "read_unlock_of_write_locked_mutex"},
    {"signal-unsafe call inside of a signal", "signal_unsafe_call"},
    {"signal handler spoils errno", "signal_handler_spoils_errno"},
    {"lock-order-inversion (potential deadlock)", "lock_order_inversion"},
    {"mutex held in the wrong context", "mutex_wrong_context"},
};

// "Thread T1 (tid=..) created by main thread at:", "Location is heap block ... allocated by",
// "Mutex M9 (0x..) created at:", "Thread T1 created by T0 here:": where things were made,
// which differs between hits of one bug.
bool stack_counts(std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  return !header.starts_with("Thread ") && !header.starts_with("Location is") &&
         header.find("created at:") == std::string_view::npos;
}

class SanitizerReader : public ReportReader {
 public:
  SanitizerReader(ReportTool tool, std::string kind) : tool_(tool), kind_(std::move(kind)) {}

  Verdict read(std::string_view line) override {
    if (line.starts_with("SUMMARY: ")) {
      on_summary(line.substr(9));
      return Verdict::last;
    }
    if (std::optional<NativeFrame> frame = parse_native_frame(line)) {
      signature_.add_frame(std::move(frame->function), frame->runtime);
    } else if (line.find_first_not_of(" \t") != std::string_view::npos) {
      signature_.begin_stack(stack_counts(line));
    }
    return Verdict::part;
  }

  ReportIdentity identity() const override { return {tool_, kind_, signature_.signature()}; }

 private:
  // "AddressSanitizer: heap-use-after-free /src/a.cc:1 in main": its first word is the bug
  // type, more precise than the headline ("attempting double-free on 0x..." -> double-free).
  // A leak summary starts with a byte count instead, and LeakSanitizer's kind stays.
  void on_summary(std::string_view summary) {
    if (tool_ != ReportTool::asan) return;
    const std::size_t colon = summary.find(": ");
    if (colon == std::string_view::npos) return;
    std::string_view type = summary.substr(colon + 2);
    type = type.substr(0, type.find(' '));
    if (type.empty()) return;
    if (type.front() >= '0' && type.front() <= '9') {
      tool_ = ReportTool::lsan;
      kind_ = "memory_leak";
    } else {
      kind_ = snake_case(type);
    }
  }

  ReportTool tool_;
  std::string kind_;
  SignatureBuilder signature_;
};

// "==20669==ERROR: AddressSanitizer: heap-use-after-free on address ...": the kind is the first
// word of the description until the SUMMARY line names the type.
std::unique_ptr<ReportReader> start_error_report(std::string_view line) {
  std::size_t at = 2;
  while (at < line.size() && line[at] >= '0' && line[at] <= '9') ++at;
  if (at == 2 || line.substr(at).substr(0, 9) != "==ERROR: ") return nullptr;
  const std::string_view rest = line.substr(at + 9);
  const std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos) return nullptr;
  const std::string_view sanitizer = rest.substr(0, colon);
  std::string_view description = rest.substr(colon + 2);
  if (description.starts_with("attempting ")) description.remove_prefix(11);
  const std::string first_word = snake_case(description.substr(0, description.find(' ')));

  if (sanitizer == "LeakSanitizer")
    return std::make_unique<SanitizerReader>(ReportTool::lsan, "memory_leak");
  if (sanitizer == "AddressSanitizer")
    return std::make_unique<SanitizerReader>(ReportTool::asan, first_word);
  if (sanitizer == "ThreadSanitizer")
    return std::make_unique<SanitizerReader>(ReportTool::tsan, first_word);
  return nullptr;
}

}  // namespace

std::string snake_case(std::string_view text) {
  std::string result;
  bool gap = false;
  for (const char c : text) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool upper = c >= 'A' && c <= 'Z';
    if (!letter && !upper) {
      gap = !result.empty();
      continue;
    }
    if (gap) result += '_';
    gap = false;
    result += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return result;
}

std::string tsan_kind(std::string_view type) {
  for (const TsanType& known : kTsanTypes)
    if (type == known.text) return std::string(known.kind);
  return snake_case(type.substr(0, type.find(" (")));
}

std::unique_ptr<ReportReader> start_sanitizer_report(std::string_view line) {
  if (line.starts_with(kTsanWarning)) {
    std::string_view type = line.substr(kTsanWarning.size());
    // " (pid=20581)" closes the line.
    const std::size_t pid = type.rfind(" (pid=");
    if (pid != std::string_view::npos) type = type.substr(0, pid);
    return std::make_unique<SanitizerReader>(ReportTool::tsan, tsan_kind(type));
  }
  if (line.starts_with("==")) return start_error_report(line);
  return nullptr;
}

}  // namespace faultline::observe
