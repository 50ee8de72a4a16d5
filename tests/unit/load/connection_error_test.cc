#include "harness/load/connection_error.h"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/system/errc.hpp>
#include <set>
#include <string>

namespace faultline::load {
namespace {

namespace beast = boost::beast;
using boost::system::errc::make_error_code;

TEST(ConnectionError, NamesAreTheEnumeratorsAndDistinct) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < kConnectionErrorCount; ++i) {
    names.insert(std::string(to_string(static_cast<ConnectionError>(i))));
  }
  EXPECT_EQ(names.size(), kConnectionErrorCount);
  EXPECT_EQ(to_string(ConnectionError::refused), "refused");
  EXPECT_EQ(to_string(ConnectionError::handshake), "handshake");
  EXPECT_EQ(to_string(ConnectionError::protocol), "protocol");
}

TEST(ConnectionError, ClassifiesSocketErrors) {
  using boost::system::errc::errc_t;
  EXPECT_EQ(classify_connection(make_error_code(errc_t::connection_refused)), ConnectionError::refused);
  EXPECT_EQ(classify_connection(make_error_code(errc_t::timed_out)), ConnectionError::timeout);
  EXPECT_EQ(classify_connection(make_error_code(errc_t::connection_reset)), ConnectionError::reset);
  EXPECT_EQ(classify_connection(make_error_code(errc_t::broken_pipe)), ConnectionError::reset);
  EXPECT_EQ(classify_connection(boost::asio::error::eof), ConnectionError::eof);
  EXPECT_EQ(classify_connection(make_error_code(errc_t::no_buffer_space)), ConnectionError::other);
}

TEST(ConnectionError, ClassifiesBeastDeadlinesAsTimeouts) {
  EXPECT_EQ(classify_connection(beast::error::timeout), ConnectionError::timeout);
}

TEST(ConnectionError, ClassifiesTheTargetEndingTheSessionAsEof) {
  EXPECT_EQ(classify_connection(beast::websocket::error::closed), ConnectionError::eof);
  EXPECT_EQ(classify_connection(beast::http::error::end_of_stream), ConnectionError::eof);
}

TEST(ConnectionError, ClassifiesARefusedUpgradeAsHandshake) {
  EXPECT_EQ(classify_connection(beast::websocket::error::upgrade_declined), ConnectionError::handshake);
  EXPECT_EQ(classify_connection(beast::websocket::error::bad_http_version), ConnectionError::handshake);
  EXPECT_EQ(classify_connection(beast::http::error::bad_version), ConnectionError::handshake);
}

TEST(ConnectionError, ClassifiesAWebSocketMessageOverTheLimitAsProtocol) {
  EXPECT_EQ(classify_connection(beast::websocket::error::message_too_big), ConnectionError::protocol);
}

TEST(ConnectionError, ClassifiesTheEndOfAnSseStreamAsEof) {
  EXPECT_EQ(classify_sse_stream(beast::http::error::end_of_stream), ConnectionError::eof);
  EXPECT_EQ(classify_sse_stream(beast::http::error::partial_message), ConnectionError::eof);
  EXPECT_EQ(classify_sse_stream(boost::asio::error::eof), ConnectionError::eof);
}

TEST(ConnectionError, ClassifiesAMalformedSseBodyAsProtocol) {
  EXPECT_EQ(classify_sse_stream(beast::http::error::bad_chunk), ConnectionError::protocol);
  EXPECT_EQ(classify_sse_stream(beast::http::error::bad_chunk_extension), ConnectionError::protocol);
}

TEST(ConnectionError, ClassifiesSocketErrorsOfAnSseStreamAsAnyConnections) {
  EXPECT_EQ(classify_sse_stream(beast::error::timeout), ConnectionError::timeout);
  EXPECT_EQ(classify_sse_stream(make_error_code(boost::system::errc::connection_reset)), ConnectionError::reset);
}

}  // namespace
}  // namespace faultline::load
