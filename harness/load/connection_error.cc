#include "harness/load/connection_error.h"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "harness/load/error_class.h"

namespace faultline::load {

namespace beast = boost::beast;

namespace {

const boost::system::error_category& http_category() {
  return make_error_code(beast::http::error::end_of_stream).category();
}

}  // namespace

std::string_view to_string(ConnectionError error) {
  switch (error) {
    case ConnectionError::refused:
      return "refused";
    case ConnectionError::timeout:
      return "timeout";
    case ConnectionError::reset:
      return "reset";
    case ConnectionError::eof:
      return "eof";
    case ConnectionError::handshake:
      return "handshake";
    case ConnectionError::protocol:
      return "protocol";
    case ConnectionError::other:
      return "other";
  }
  return "other";
}

ConnectionError classify_connection(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return ConnectionError::timeout;
  if (ec == beast::websocket::error::closed || ec == beast::http::error::end_of_stream) return ConnectionError::eof;
  if (ec == beast::websocket::error::message_too_big) return ConnectionError::protocol;
  // Any other HTTP error here is from parsing the answer to the upgrade.
  if (ec == beast::websocket::condition::handshake_failed || ec.category() == http_category()) {
    return ConnectionError::handshake;
  }
  switch (classify_connect(ec)) {
    case ErrorClass::connect_refused:
      return ConnectionError::refused;
    case ErrorClass::connect_timeout:
    case ErrorClass::timeout:
      return ConnectionError::timeout;
    case ErrorClass::reset:
      return ConnectionError::reset;
    case ErrorClass::eof:
      return ConnectionError::eof;
    default:
      return ConnectionError::other;
  }
}

ConnectionError classify_sse_stream(const boost::system::error_code& ec) {
  if (ec == beast::http::error::end_of_stream || ec == beast::http::error::partial_message) {
    return ConnectionError::eof;
  }
  if (ec.category() == http_category()) return ConnectionError::protocol;
  return classify_connection(ec);
}

}  // namespace faultline::load
