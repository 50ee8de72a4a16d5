#include "harness/observe/proc_stat.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace faultline::observe {

namespace {

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// "123456 kB" -> bytes. The kernel always writes kB (KiB) for these fields.
std::optional<std::uint64_t> kibibytes(std::string_view value) {
  value = trim(value);
  if (!value.ends_with(" kB")) return std::nullopt;
  std::uint64_t kib = 0;
  if (!parse_number(trim(value.substr(0, value.size() - 3)), kib)) return std::nullopt;
  return kib * 1024;
}

}  // namespace

std::optional<ProcStat> parse_proc_stat(std::string_view text) {
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;

  ProcStat stat;
  if (!parse_number(trim(text.substr(0, open)), stat.pid)) return std::nullopt;
  stat.comm = std::string(text.substr(open + 1, close - open - 1));

  // Fields after the comm, numbered as in proc(5): 3 state, 4 ppid, 14 utime, 15 stime,
  // 16 cutime, 17 cstime, 20 num_threads, 24 rss.
  constexpr std::size_t kFirst = 3;
  constexpr std::size_t kLast = 24;
  std::array<std::string_view, kLast + 1> fields{};
  std::string_view rest = text.substr(close + 1);
  std::size_t number = kFirst;
  while (number <= kLast) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return std::nullopt;
    const std::size_t end = std::min(rest.find(' '), rest.size());
    fields[number++] = trim(rest.substr(0, end));
    rest.remove_prefix(end);
  }

  if (fields[3].size() != 1) return std::nullopt;
  stat.state = fields[3].front();
  // cutime and cstime are signed in the kernel's format; they are never negative in practice.
  std::int64_t reaped_user = 0;
  std::int64_t reaped_system = 0;
  std::int64_t threads = 0;
  std::int64_t resident = 0;
  const bool ok = parse_number(fields[4], stat.ppid) && parse_number(fields[14], stat.user_ticks) &&
                  parse_number(fields[15], stat.system_ticks) && parse_number(fields[16], reaped_user) &&
                  parse_number(fields[17], reaped_system) && parse_number(fields[20], threads) &&
                  parse_number(fields[24], resident);
  if (!ok) return std::nullopt;
  stat.reaped_user_ticks = static_cast<std::uint64_t>(std::max<std::int64_t>(reaped_user, 0));
  stat.reaped_system_ticks = static_cast<std::uint64_t>(std::max<std::int64_t>(reaped_system, 0));
  stat.threads = static_cast<std::uint64_t>(std::max<std::int64_t>(threads, 0));
  stat.resident_pages = static_cast<std::uint64_t>(std::max<std::int64_t>(resident, 0));
  return stat;
}

ProcStatus parse_proc_status(std::string_view text) {
  ProcStatus status;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));

    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = line.substr(colon + 1);
    if (name == "VmRSS") {
      status.rss_bytes = kibibytes(value);
    } else if (name == "VmHWM") {
      status.peak_rss_bytes = kibibytes(value);
    } else if (name == "voluntary_ctxt_switches") {
      parse_number(trim(value), status.voluntary_context_switches);
    } else if (name == "nonvoluntary_ctxt_switches") {
      parse_number(trim(value), status.involuntary_context_switches);
    }
  }
  return status;
}

}  // namespace faultline::observe
