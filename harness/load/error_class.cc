#include "harness/load/error_class.h"

#include <boost/asio/error.hpp>

namespace faultline::load {

std::string_view to_string(ErrorClass error) {
  switch (error) {
    case ErrorClass::connect_refused:
      return "connect_refused";
    case ErrorClass::connect_timeout:
      return "connect_timeout";
    case ErrorClass::timeout:
      return "timeout";
    case ErrorClass::reset:
      return "reset";
    case ErrorClass::eof:
      return "eof";
    case ErrorClass::http_4xx:
      return "http_4xx";
    case ErrorClass::http_5xx:
      return "http_5xx";
    case ErrorClass::protocol:
      return "protocol";
    case ErrorClass::dropped:
      return "dropped";
    case ErrorClass::other:
      return "other";
  }
  return "other";
}

ErrorClass classify(const boost::system::error_code& ec) {
  using boost::system::errc::errc_t;
  // eof lives in Asio's misc category; the others are errno values, compared with portable
  // conditions (errc) so that codes of both the system and the generic category match.
  if (ec == boost::asio::error::eof) return ErrorClass::eof;
  if (ec == errc_t::connection_refused) return ErrorClass::connect_refused;
  if (ec == errc_t::connection_reset || ec == errc_t::broken_pipe || ec == errc_t::connection_aborted) {
    return ErrorClass::reset;
  }
  if (ec == errc_t::timed_out) return ErrorClass::timeout;
  return ErrorClass::other;
}

ErrorClass classify_connect(const boost::system::error_code& ec) {
  if (ec == boost::system::errc::timed_out) return ErrorClass::connect_timeout;
  return classify(ec);
}

std::optional<ErrorClass> classify_status(int status_code) {
  if (status_code >= 500 && status_code <= 599) return ErrorClass::http_5xx;
  if (status_code >= 400 && status_code <= 499) return ErrorClass::http_4xx;
  return std::nullopt;
}

}  // namespace faultline::load
