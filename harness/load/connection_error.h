// Why a connection could not be established or was lost, as counted by the connection-level
// load generators (TCP churn, WebSocket clients): the kinds a connection storm produces. Like
// ErrorClass for requests, an error code is classified and counted, never thrown.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <string_view>

namespace faultline::load {

enum class ConnectionError {
  refused,    // nothing listening, or the listen backlog overflowed
  timeout,    // a deadline passed: connect, WebSocket handshake, heartbeat (pong) or expected bytes
  reset,      // the connection was reset or the pipe broke
  eof,        // the target ended the connection: FIN, or a WebSocket close frame
  handshake,  // the target answered the WebSocket upgrade with something other than 101
  other,      // anything else (the error code is not kept)
};

// For arrays indexed by ConnectionError.
inline constexpr std::size_t kConnectionErrorCount = static_cast<std::size_t>(ConnectionError::other) + 1;

// The name used in result.json: exactly the enumerator's name ("refused", ...).
std::string_view to_string(ConnectionError error);

// Classifies the error of a connect, a WebSocket handshake or an operation on an established
// connection. The kernel's timed_out and Beast's own timeout (a tcp_stream or WebSocket
// deadline) are both timeouts; an HTTP answer to the upgrade that is not a valid switch to
// WebSocket is a handshake failure, but the target closing during the handshake is eof.
ConnectionError classify_connection(const boost::system::error_code& ec);

}  // namespace faultline::load
