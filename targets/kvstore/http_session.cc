#include "targets/kvstore/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <cstring>
#include <utility>

#include "targets/kvstore/websocket_session.h"

namespace kvstore {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// conn-storm's per-connection buffer, filled so it is resident: a fresh allocation of this size
// is mapped from untouched zero pages, and zero-filling it could be turned into calloc() and
// skipped, so it would cost no RSS and the storm would show nothing.
std::unique_ptr<std::byte[]> make_connection_buffer(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  auto buffer = std::make_unique_for_overwrite<std::byte[]>(bytes);
  std::memset(buffer.get(), 0xA5, bytes);
  return buffer;
}

// The answer owed to a client whose request failed to parse, or nullopt when the connection
// is beyond answering (timed out, reset, closed mid-request).
std::optional<http::status> status_for_read_error(beast::error_code ec) {
  if (ec == http::error::body_limit) return http::status::payload_too_large;
  if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
  if (ec == http::error::partial_message) return std::nullopt;  // the client went away mid-request
  if (ec.category() == beast::error_code(http::error::bad_target).category()) {
    return http::status::bad_request;  // any other HTTP syntax error
  }
  return std::nullopt;
}

}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket&& socket, const SessionContext& context,
                         ConnectionSlot slot)
    : stream_(std::move(socket)),
      context_(context),
      slot_(std::move(slot)),
      connection_buffer_(make_connection_buffer(context.behaviour.connection_buffer_bytes)),
      delay_timer_(stream_.get_executor()) {}

void HttpSession::run() {
  // The socket's executor is this session's strand; start there so no handler races this one.
  boost::asio::dispatch(stream_.get_executor(),
                        beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
  parser_.emplace();
  parser_->header_limit(context_.limits.header_limit_bytes);
  parser_->body_limit(context_.limits.body_limit_bytes);
  stream_.expires_after(context_.limits.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t /*bytes_transferred*/) {
  if (ec == http::error::end_of_stream) return do_close();  // the client closed between requests
  if (ec) {
    if (const auto status = status_for_read_error(ec)) answer_unreadable_request(*status);
    return;  // otherwise dropping the last reference closes the socket
  }
  Request request = parser_->release();
  if (is_websocket_upgrade(request)) return upgrade_to_websocket(request);
  const http::verb method = request.method();
  const bool keep_alive = request.keep_alive();
  do_write(context_.router.handle(std::move(request)), method, keep_alive);
}

void HttpSession::upgrade_to_websocket(const Request& upgrade) {
  // The connection keeps its slot and conn-storm's buffer: a WebSocket is a connection like any
  // other. This session ends when this handler returns, having no operation left.
  std::make_shared<WebSocketSession>(stream_.release_socket(), context_, std::move(slot_),
                                     std::move(connection_buffer_))
      ->run(upgrade);
}

void HttpSession::answer_unreadable_request(http::status status) {
  // verb::unknown (counted as method="other") unless the request line was parsed.
  const http::verb method = parser_->get().method();
  // The rest of the input cannot be framed reliably, so the connection closes after the answer.
  do_write(make_response(status, 11, std::string(http::obsolete_reason(status)) + "\n"), method,
           /*keep_alive=*/false);
}

void HttpSession::do_write(Response response, http::verb method, bool keep_alive) {
  response.keep_alive(keep_alive);
  // Content-Length on every response, never chunked: faultline's load generator frames
  // responses by Content-Length. (On 204 this yields "Content-Length: 0", which RFC 9110
  // disallows but every client ignores, since a 204 has no body by definition.)
  response.prepare_payload();
  context_.metrics.request_answered(method, response.result());
  response_ = std::move(response);
  if (context_.behaviour.response_delay.count() == 0) return start_write();
  // A timer, not a sleep: the I/O thread serves other connections while this one waits.
  delay_timer_.expires_after(context_.behaviour.response_delay);
  delay_timer_.async_wait(beast::bind_front_handler(&HttpSession::on_delay, shared_from_this()));
}

void HttpSession::on_delay(beast::error_code ec) {
  if (ec) return;  // the wait was cancelled: the response is abandoned with the connection
  start_write();
}

void HttpSession::start_write() {
  stream_.expires_after(context_.limits.write_timeout);
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&HttpSession::on_write, shared_from_this()));
}

void HttpSession::on_write(beast::error_code ec, std::size_t /*bytes_transferred*/) {
  if (ec) return;
  const bool close = response_.need_eof();
  // Release the body now: an idle keep-alive connection should not pin its last response.
  response_ = {};
  if (close) return do_close();
  do_read();
}

void HttpSession::do_close() {
  // Half-close so the client reads our last response to the end before it sees EOF.
  beast::error_code ec;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace kvstore
