#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/fault/cpu_hog.h"
#include "harness/fault/memory_hog.h"
#include "harness/scenario/units.h"

namespace faultline::cli {
namespace {

std::atomic<bool> g_stop_hog{false};

extern "C" void request_hog_stop(int) { g_stop_hog.store(true); }

}  // namespace

int hog_command(const HogCommand& command) {
  const scenario::ParseResult<scenario::Duration> length = scenario::parse_duration(command.length);
  if (!length) {
    std::cerr << "faultline hog: --for: " << length.error() << '\n';
    return kExitUsage;
  }
  struct sigaction action {};
  action.sa_handler = request_hog_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  const auto deadline = std::chrono::steady_clock::now() + *length;
  try {
    if (command.resource == "memory") {
      fault::run_memory_hog(command.bytes, deadline, g_stop_hog);
    } else {
      fault::run_cpu_hog(command.cores, deadline, g_stop_hog);
    }
  } catch (const std::exception& e) {
    std::cerr << "faultline hog " << command.resource << ": " << e.what() << '\n';
    return kExitEnvironment;
  }
  return kExitPass;
}

}  // namespace faultline::cli
