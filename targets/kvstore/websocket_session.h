// One WebSocket client connection, upgraded from an HttpSession at `GET /ws`: answers the
// protocol of websocket_protocol.h and pushes the changes of the keys it subscribed to. Writes go
// one at a time, as Beast requires; the rest wait in a bounded SendQueue. A read is pending
// whenever that queue is not full, because Beast answers pings (and a close) only inside a read.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/response.h"
#include "targets/kvstore/send_queue.h"
#include "targets/kvstore/session_context.h"
#include "targets/kvstore/subscriptions.h"
#include "targets/kvstore/websocket_message.h"
#include "targets/kvstore/websocket_protocol.h"

namespace kvstore {

class WebSocketSession final : public Subscriber,
                               public std::enable_shared_from_this<WebSocketSession> {
 public:
  // `socket` is the connection being upgraded, bound to its strand. `slot` and
  // `connection_buffer` are the HttpSession's, so the connection counts (and, under conn-storm,
  // costs) the same after the upgrade.
  WebSocketSession(boost::asio::ip::tcp::socket&& socket, const SessionContext& context,
                   ConnectionSlot slot, std::unique_ptr<std::byte[]> connection_buffer);
  ~WebSocketSession() override;

  WebSocketSession(const WebSocketSession&) = delete;
  WebSocketSession& operator=(const WebSocketSession&) = delete;

  // Answers `upgrade`, the request the HttpSession read, then serves messages until the client
  // closes, the connection fails or it stays silent past the idle timeout. Call on the strand.
  void run(const Request& upgrade);

  // Queues a change of a subscribed key. Thread-safe: it only posts to the session's strand.
  void push(WebSocketMessage message) override;

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes_transferred);
  void answer(const SubscribeCommand& command);
  void answer(const SetCommand& command);
  void answer(const EchoCommand& command);
  void answer(const InvalidCommand& command);
  // reply() and send_push() write the message at once, or queue it behind the write in flight.
  void reply(std::string text);
  void send_push(WebSocketMessage message);
  void start_write(WebSocketMessage message);
  void on_write(boost::beast::error_code ec, std::size_t bytes_transferred);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  const SessionContext context_;
  const ConnectionSlot slot_;  // the connection's place in the ConnectionGate, until the end
  const std::unique_ptr<std::byte[]> connection_buffer_;  // conn-storm's; null otherwise
  boost::beast::flat_buffer read_buffer_;  // one message; bounded by read_message_max
  // Key -> this session's subscription to it; destroying the session unsubscribes them all.
  std::map<std::string, Subscription, std::less<>> subscriptions_;
  WebSocketMessage writing_;  // the message async_write is writing; null when none is
  SendQueue waiting_;         // the messages behind it
  // No read is pending because waiting_ was full; the next write that makes room reads again.
  bool read_paused_ = false;
  bool open_ = false;  // the handshake succeeded: counted in kvstore_websocket_sessions
};

}  // namespace kvstore
