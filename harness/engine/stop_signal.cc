#include "harness/engine/stop_signal.h"

#include <csignal>
#include <cstring>

#include "harness/scenario/signal_name.h"

namespace faultline::engine {

namespace {
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void record_stop_signal(int signal_number) { g_stop_signal = signal_number; }
}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = record_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

std::optional<std::string> requested_stop() {
  const int signal_number = g_stop_signal;
  if (signal_number == 0) return std::nullopt;
  return scenario::signal_name(signal_number);
}

void clear_requested_stop() { g_stop_signal = 0; }


}  // namespace faultline::engine
