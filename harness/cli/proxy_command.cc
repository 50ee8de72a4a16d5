// `faultline proxy`: the fault proxy on its own, for people who script Toxiproxy today. Runs
// until SIGINT or SIGTERM, with the given toxics in force from the start.
#include <unistd.h>

#include <iostream>
#include <system_error>
#include <thread>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/engine/load_address.h"
#include "harness/engine/run_error.h"
#include "harness/engine/stop_signal.h"
#include "harness/fault/proxy.h"
#include "harness/scenario/endpoint.h"
#include "harness/scenario/toxic_parser.h"

namespace faultline::cli {

namespace {

// How often the idle main thread looks for a stop request.
constexpr auto kStopPoll = std::chrono::milliseconds(50);

std::optional<boost::asio::ip::tcp::endpoint> endpoint_option(const std::string& option, const std::string& text,
                                                              bool allow_remote) {
  const auto parsed = scenario::parse_endpoint(text);
  if (!parsed) {
    std::cerr << "faultline proxy: " << option << ": " << parsed.error() << '\n';
    return std::nullopt;
  }
  try {
    return engine::resolve_load_address(*parsed, allow_remote, option).endpoint;
  } catch (const std::exception& e) {
    std::cerr << "faultline proxy: " << e.what() << '\n';
    return std::nullopt;
  }
}

}  // namespace

int proxy_command(const ProxyCommand& command) {
  const auto listen = endpoint_option("--listen", command.listen, command.allow_remote);
  const auto upstream = endpoint_option("--upstream", command.upstream, command.allow_remote);
  if (!listen || !upstream) return kExitUsage;
  std::vector<scenario::ToxicSpec> toxics;
  for (const std::string& text : command.toxics) {
    const auto toxic = scenario::parse_toxic(text);
    if (!toxic) {
      std::cerr << "faultline proxy: --toxic " << text << ": " << toxic.error() << '\n';
      return kExitUsage;
    }
    toxics.push_back(*toxic);
  }

  fault::ProxyConfig config;
  config.listen = *listen;
  config.upstream = *upstream;
  config.allow_remote = command.allow_remote;
  config.seed = command.seed;
  engine::install_stop_handlers();
  try {
    fault::Proxy proxy(config);
    for (const scenario::ToxicSpec& toxic : toxics) proxy.add_toxic(toxic);
    std::cerr << "faultline proxy: " << command.listen << " -> " << command.upstream;
    for (const std::string& text : command.toxics) std::cerr << "  [" << text << ']';
    std::cerr << "\n(Ctrl-C to stop)" << std::endl;
    while (!engine::requested_stop()) std::this_thread::sleep_for(kStopPoll);
    proxy.stop();
    const fault::ProxyCounters c = proxy.counters();
    std::cerr << "faultline proxy: stopped by " << *engine::requested_stop() << "; " << c.connections_accepted
              << " connections, " << c.upstream_bytes << " bytes upstream, " << c.downstream_bytes
              << " bytes downstream" << std::endl;
    return kExitPass;
  } catch (const std::system_error& e) {
    std::cerr << "faultline proxy: cannot listen on " << command.listen << ": " << e.what() << '\n';
    return kExitEnvironment;
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline proxy: " << e.what() << '\n';
    return kExitUsage;
  }
}

}  // namespace faultline::cli
