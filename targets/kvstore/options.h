// kvstore's command line, as typed values. main() registers these with CLI11 and parses once;
// the rest of the service only ever sees an Options.
#pragma once

#include <boost/asio/ip/address.hpp>

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
};

// Registers --port, --bind, --threads and --defect on `app`, writing into `options` when
// app.parse() runs. Invalid values make app.parse() throw a CLI::ParseError naming the option.
void add_options(CLI::App& app, Options& options);

}  // namespace kvstore
