// Why a request failed, as counted per class in result.json ("errors": {"timeout": 3, ...}).
// On the hot path failures are values: an error code is classified and counted, never thrown.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

namespace faultline::load {

enum class ErrorClass {
  connect_refused,  // the target refused the connection (nothing listening)
  connect_timeout,  // the connection was not established within connect_timeout
  timeout,          // no complete response within the request timeout
  reset,            // the connection was reset or the pipe broke
  eof,              // the target closed the connection before the response was complete
  http_4xx,         // a complete response with a 4xx status
  http_5xx,         // a complete response with a 5xx status
  protocol,         // the response was not valid HTTP/1.1
  dropped,          // open model: never sent, no connection was free before its timeout
  other,            // anything else (the error code is not kept)
};

// For arrays indexed by ErrorClass.
inline constexpr std::size_t kErrorClassCount = static_cast<std::size_t>(ErrorClass::other) + 1;

// The name used in result.json: exactly the enumerator's name ("connect_refused", ...).
std::string_view to_string(ErrorClass error);

// Classifies the error of a read, write or wait on an established connection.
// Our own deadlines are not errors that the socket reports: when the caller cancels an
// operation because its deadline passed (operation_aborted), it records timeout or
// connect_timeout itself, since only it knows which deadline fired; classify() maps
// operation_aborted to other. timed_out here is the kernel's (TCP retransmission or
// keep-alive gave up) and maps to timeout.
ErrorClass classify(const boost::system::error_code& ec);

// Classifies the error of a connect: as classify(), except that the kernel's timed_out means
// the handshake never completed (connect_timeout).
ErrorClass classify_connect(const boost::system::error_code& ec);

// The error class of a complete response's status, or nullopt when it counts as a success
// (1xx-3xx).
std::optional<ErrorClass> classify_status(int status_code);

}  // namespace faultline::load
