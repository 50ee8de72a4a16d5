// Why a connection could not be established or was lost, as counted by the connection-level
// load generators (TCP churn, WebSocket and SSE clients): the kinds a connection storm produces. Like
// ErrorClass for requests, an error code is classified and counted, never thrown.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <string_view>

namespace faultline::load {

enum class ConnectionError {
  refused,    // nothing listening, or the listen backlog overflowed
  // a deadline passed: connect, WebSocket handshake, heartbeat (pong), expected bytes, SSE
  // response or an SSE stream idle for too long
  timeout,
  reset,      // the connection was reset or the pipe broke
  eof,        // the target ended the connection: FIN, a WebSocket close frame, the end of an SSE stream
  // the target answered the WebSocket upgrade with something other than 101, or the SSE
  // request with something other than 200 text/event-stream
  handshake,
  // an established connection broke its format or a bound: a WebSocket message or an SSE line
  // over the client's limit, a malformed HTTP chunk
  protocol,
  other,  // anything else (the error code is not kept)
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

// Classifies the error of reading an SSE stream's body once its response header was accepted:
// the target ending the body, cleanly or in the middle of a chunk, is eof; any other HTTP error
// is a malformed body (protocol), not a declined request.
ConnectionError classify_sse_stream(const boost::system::error_code& ec);

}  // namespace faultline::load
