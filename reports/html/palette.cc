#include "reports/html/palette.h"

#include <utility>

namespace faultline::reports::html::palette {

std::string_view error_class(std::string_view name) {
  // The classes of harness/load/error_class.h and the connection errors of
  // harness/load/connection_error.h (timeout, reset, eof, protocol and other are in both); a
  // class added later falls back to grey.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kByClass = {{
      {"timeout", kOrange},
      {"connect_refused", kVermillion},
      {"connect_timeout", kYellow},
      {"reset", kPurple},
      {"eof", kSkyBlue},
      {"http_5xx", kBlue},
      {"http_4xx", kGreen},
      {"protocol", kBlack},
      {"dropped", "#9E9E9E"},
      {"other", kGrey},
      {"refused", kVermillion},
      {"handshake", kGreen},
  }};
  for (const auto& [error, colour] : kByClass) {
    if (error == name) return colour;
  }
  return kGrey;
}

}  // namespace faultline::reports::html::palette
