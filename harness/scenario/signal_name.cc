#include "harness/scenario/signal_name.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstring>

namespace faultline::scenario {

ParseResult<int> parse_signal(std::string_view text) {
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!text.empty() && error == std::errc() && end == text.data() + text.size()) {
    if (number >= 1 && number <= SIGRTMAX) return number;
    return ParseFailure{"expected a signal number from 1 to " + std::to_string(SIGRTMAX) + ", got " + std::string(text)};
  }
  std::string name(text);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  if (name.starts_with("SIG")) name.erase(0, 3);
  // Old names glibc's table spells differently.
  if (name == "IO") return SIGIO;
  if (name == "IOT") return SIGABRT;
  if (name == "CLD") return SIGCHLD;
  // sigabbrev_np is glibc's table of the standard signals' names ("KILL", "TERM", ...).
  for (int signal = 1; signal < SIGRTMIN; ++signal) {
    const char* abbreviation = sigabbrev_np(signal);
    if (abbreviation != nullptr && name == abbreviation) return signal;
  }
  return ParseFailure{"unknown signal \"" + std::string(text) +
                      "\" (expected a name such as SIGTERM, SIGKILL, SIGUSR1, or a number)"};
}

std::string signal_name(int signal) {
  if (const char* abbreviation = sigabbrev_np(signal)) return std::string("SIG") + abbreviation;
  return "signal " + std::to_string(signal);
}

}  // namespace faultline::scenario
