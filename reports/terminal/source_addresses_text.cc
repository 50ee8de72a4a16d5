#include "reports/terminal/source_addresses_text.h"

namespace faultline::reports {

std::string source_addresses_text(unsigned count, bool spread_by_faultline) {
  if (count == 0) return "";
  std::string text = count == 1 ? "127.0.0.1" : "127.0.0.1 .. 127.0.0." + std::to_string(count);
  if (spread_by_faultline) text += ", spread by faultline: one address's ephemeral ports would not hold every connection";
  return text;
}

}  // namespace faultline::reports
