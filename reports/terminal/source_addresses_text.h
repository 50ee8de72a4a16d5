// Where a connection generator's connections left from, in words, for the terminal summary and
// the HTML report.
#pragma once

#include <string>

namespace faultline::reports {

// "127.0.0.1 .. 127.0.0.3, spread by faultline: ..." for `count` source addresses, saying when
// faultline chose them; "" for 0 (the kernel chose each connection's source).
std::string source_addresses_text(unsigned count, bool spread_by_faultline);

}  // namespace faultline::reports
