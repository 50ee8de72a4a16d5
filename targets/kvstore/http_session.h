// One HTTP/1.1 client connection: read a request, answer it, repeat while keep-alive holds.
// At most one response is in flight per connection (a pipelined request waits in the read
// buffer), so the per-connection write queue is bounded at one. A `GET /ws` upgrade request hands
// the connection to a WebSocketSession.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include <cstddef>
#include <memory>
#include <optional>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/response.h"
#include "targets/kvstore/session_context.h"

namespace kvstore {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `socket` must be bound to a strand: handlers of one session never run concurrently. `slot`
  // counts the connection as open until the session ends.
  HttpSession(boost::asio::ip::tcp::socket&& socket, const SessionContext& context,
              ConnectionSlot slot);

  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void run();

 private:
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes_transferred);
  void upgrade_to_websocket(const Request& upgrade);
  void answer_unreadable_request(boost::beast::http::status status);
  void do_write(Response response, boost::beast::http::verb method, bool keep_alive);
  void on_delay(boost::beast::error_code ec);
  void start_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes_transferred);
  void do_close();

  boost::beast::tcp_stream stream_;
  const SessionContext context_;  // a copy: the listener that made it may go first at shutdown
  // Gives the connection's place in the ConnectionGate back when the session ends. Not const:
  // on an upgrade it moves to the WebSocketSession, with the connection.
  ConnectionSlot slot_;
  // conn-storm's buffer (see SessionBehaviour); null when connection_buffer_bytes is 0. Moves
  // to the WebSocketSession on an upgrade, like slot_.
  std::unique_ptr<std::byte[]> connection_buffer_;
  // Holds each response back for --delay; on the session's strand, like the stream.
  boost::asio::steady_timer delay_timer_;
  // Reused for every request of the connection; it also holds the bytes of a pipelined next
  // request. Its growth is bounded by the parser's header limit plus one 64 KiB read.
  boost::beast::flat_buffer buffer_;
  // Parsers are single-use, so a fresh one is emplaced per request (and carries the limits).
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  // The response being written (or waiting out the delay); async_write needs it to outlive the
  // call.
  Response response_;
};

}  // namespace kvstore
