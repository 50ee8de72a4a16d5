// One HTTP/1.1 client connection: read a request, answer it, repeat while keep-alive holds.
// At most one response is in flight per connection (a pipelined request waits in the read
// buffer), so the per-connection write queue is bounded at one.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/metrics.h"
#include "targets/kvstore/response.h"
#include "targets/kvstore/router.h"

namespace kvstore {

// What one connection may cost before it is cut off.
struct SessionLimits {
  // The whole next request must arrive within this; it is also how long an idle keep-alive
  // connection is kept.
  std::chrono::seconds read_timeout{30};
  // A client that stops reading its response is dropped after this.
  std::chrono::seconds write_timeout{30};
  std::uint64_t body_limit_bytes = 1024 * 1024;  // larger bodies get 413
  std::uint32_t header_limit_bytes = 8 * 1024;   // larger request headers get 431
};

// What a session does beyond the HTTP contract, chosen once from the command line.
struct SessionBehaviour {
  // --delay: every response waits this long on a timer before it is written (no thread blocks).
  std::chrono::microseconds response_delay{0};
  // conn-storm's per-connection buffer, allocated and touched when the connection opens and held
  // until it closes, so every open connection costs this much RSS; 0 allocates nothing.
  std::size_t connection_buffer_bytes = 0;
};

// Everything a session needs from the server; all of it outlives every session.
struct SessionContext {
  const Router& router;
  Metrics& metrics;
  SessionLimits limits;
  SessionBehaviour behaviour;
};

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
  void answer_unreadable_request(boost::beast::http::status status);
  void do_write(Response response, boost::beast::http::verb method, bool keep_alive);
  void on_delay(boost::beast::error_code ec);
  void start_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes_transferred);
  void do_close();

  boost::beast::tcp_stream stream_;
  const SessionContext context_;  // a copy: the listener that made it may go first at shutdown
  // Gives the connection's place in the ConnectionGate back when the session ends.
  const ConnectionSlot slot_;
  // conn-storm's buffer (see SessionBehaviour); null when connection_buffer_bytes is 0.
  const std::unique_ptr<std::byte[]> connection_buffer_;
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
