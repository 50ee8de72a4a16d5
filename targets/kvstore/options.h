// kvstore's command line, as typed values. main() registers these with CLI11 and parses once;
// the rest of the service only ever sees an Options.
#pragma once

#include <boost/asio/ip/address.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "targets/kvstore/defect.h"

namespace CLI {
class App;
}

namespace kvstore {

struct Options {
  boost::asio::ip::address bind_address = boost::asio::ip::address_v4::loopback();  // --bind
  std::uint16_t port = 0;          // --port; 0 lets the kernel pick (the listening line shows it)
  unsigned threads = 2;            // --threads: threads running the io_context
  Defect defect = Defect::none;    // --defect
  // --delay: how long every response waits (on a timer) before it is written; 0 = at once.
  std::chrono::microseconds response_delay{0};
  // --max-connections: client connections open at once; more are accepted and closed at once.
  // Ignored under Defect::conn_storm, whose defect is having no bound.
  std::size_t max_connections = 512;
};

// Registers --port, --bind, --threads, --defect, --delay and --max-connections on `app`, writing
// into `options` when app.parse() runs. Invalid values make app.parse() throw a CLI::ParseError
// naming the option.
void add_options(CLI::App& app, Options& options);

}  // namespace kvstore
