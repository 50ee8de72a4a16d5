// kvstore: the HTTP key-value service faultline drives load and faults at. Parses the command
// line, listens, announces the address on stdout and serves until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <iostream>

#include "targets/kvstore/options.h"
#include "targets/kvstore/server.h"

namespace {

constexpr int kExitServed = 0;       // stopped by SIGINT/SIGTERM, or --help
constexpr int kExitCannotListen = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kvstore: an HTTP key-value service with switchable defects, for faultline"};
  kvstore::Options options;
  kvstore::add_options(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // app.exit() prints help or the error; only --help and friends report success.
    return app.exit(error) == 0 ? kExitServed : kExitUsage;
  }

  kvstore::Server server(options);
  if (const auto ec = server.listen()) {
    std::cerr << "kvstore: cannot listen on "
              << boost::asio::ip::tcp::endpoint(options.bind_address, options.port) << ": "
              << ec.message() << "\n";
    return kExitCannotListen;
  }
  // faultline's readiness check and the tests wait for this line, so flush it at once.
  std::cout << "kvstore listening on " << server.local_endpoint() << std::endl;

  const int stop_signal = server.run();
  std::cerr << "kvstore: stopped by signal " << stop_signal << "\n";
  return kExitServed;
}
