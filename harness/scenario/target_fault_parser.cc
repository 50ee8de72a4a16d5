#include "harness/scenario/target_fault_parser.h"

#include <array>
#include <csignal>
#include <limits>

#include "harness/scenario/signal_name.h"

namespace faultline::scenario {
namespace {

struct KindKeys {
  std::string_view kind;
  std::span<const std::string_view> keys;
};

constexpr std::array<std::string_view, 1> kSignalKeys{"signal"};
constexpr std::array<std::string_view, 0> kNoKeys{};
constexpr std::array<std::string_view, 1> kMemoryKeys{"memory"};
constexpr std::array<std::string_view, 1> kCpuKeys{"cpu"};
constexpr std::array<std::string_view, 1> kOpenFilesKeys{"open_files"};
constexpr std::array<std::string_view, 1> kCoresKeys{"cores"};

const std::array<KindKeys, 8> kKinds{{
    {"signal", kSignalKeys},
    {"kill", kSignalKeys},
    {"pause", kNoKeys},
    {"memory_limit", kMemoryKeys},
    {"cpu_limit", kCpuKeys},
    {"open_files", kOpenFilesKeys},
    {"memory_hog", kMemoryKeys},
    {"cpu_hog", kCoresKeys},
}};

const std::array<std::string_view, 8> kKindNames{"signal",     "kill",       "pause",      "memory_limit",
                                                 "cpu_limit",  "open_files", "memory_hog", "cpu_hog"};


std::optional<FaultAction> read_signal(const ObjectReader& fault, ProcessFault::Action action) {
  ProcessFault result{action, 0};
  if (fault.has("for")) {
    fault.report("for", "a signal is sent once and has no window; remove \"for\" (use \"pause\" to stop the "
                        "target for a while)");
  }
  const std::optional<std::string> text = fault.string("signal", action == ProcessFault::Action::kill ? Presence::optional : Presence::required);
  if (!text) {
    if (action != ProcessFault::Action::kill || fault.has("signal")) return std::nullopt;
    result.signal = SIGKILL;
    return result;
  }
  const ParseResult<int> signal = parse_signal(*text);
  if (!signal) {
    fault.report("signal", signal.error());
    return std::nullopt;
  }
  result.signal = *signal;
  return result;
}

}  // namespace

std::span<const std::string_view> target_fault_kinds() { return kKindNames; }

std::optional<std::span<const std::string_view>> target_fault_keys(std::string_view kind) {
  for (const KindKeys& entry : kKinds) {
    if (entry.kind == kind) return entry.keys;
  }
  return std::nullopt;
}

std::optional<FaultAction> read_target_fault(const ObjectReader& fault, std::string_view kind, const Target& target) {
  // Signals and limits need the target's process: spawned, or attached with its pid.
  const bool needs_process = !kind.ends_with("_hog");
  if (needs_process && !target.spawned() && !target.pid) {
    fault.report("kind", "a \"" + std::string(kind) + "\" fault acts on the target's process; give the attached "
                         "target's \"pid\", or let faultline spawn it with \"command\"");
  }
  if (kind == "signal") return read_signal(fault, ProcessFault::Action::signal);
  if (kind == "kill") return read_signal(fault, ProcessFault::Action::kill);
  if (kind == "pause") {
    if (!fault.has("for")) fault.report_here("a pause needs \"for\": how long the target stays stopped");
    return ProcessFault{ProcessFault::Action::pause, SIGSTOP};
  }
  if (kind == "memory_limit") {
    const auto bytes = fault.size("memory", Presence::required);
    if (!bytes) return std::nullopt;
    return LimitFault{Limits{.memory_bytes = *bytes}};
  }
  if (kind == "cpu_limit") {
    const auto cores = fault.number("cpu", Presence::required, 0, kMaxCores);
    if (!cores) return std::nullopt;
    return LimitFault{Limits{.cpu_cores = *cores}};
  }
  if (kind == "open_files") {
    const auto count = fault.integer("open_files", Presence::required, 1, kMaxOpenFiles);
    if (!count) return std::nullopt;
    return LimitFault{Limits{.open_files = static_cast<std::uint64_t>(*count)}};
  }
  if (kind == "memory_hog") {
    const auto bytes = fault.size("memory", Presence::required);
    if (!bytes) return std::nullopt;
    return HogFault{HogFault::Resource::memory, *bytes, 0};
  }
  const auto cores = fault.number("cores", Presence::required, 0, kMaxCores);  // cpu_hog
  if (!cores) return std::nullopt;
  return HogFault{HogFault::Resource::cpu, 0, *cores};
}

}  // namespace faultline::scenario
