#include "targets/kvstore/websocket_session.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket/stream_base.hpp>

#include <utility>
#include <variant>

namespace kvstore {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

}  // namespace

WebSocketSession::WebSocketSession(net::ip::tcp::socket&& socket, const SessionContext& context,
                                   ConnectionSlot slot,
                                   std::unique_ptr<std::byte[]> connection_buffer)
    : ws_(std::move(socket)),
      context_(context),
      slot_(std::move(slot)),
      connection_buffer_(std::move(connection_buffer)),
      waiting_(context.limits.websocket_queue_messages) {}

WebSocketSession::~WebSocketSession() {
  if (open_) context_.metrics.websocket_session_closed();
}

void WebSocketSession::run(const Request& upgrade) {
  // Beast's own timeouts, not the tcp_stream's (a fresh stream has none armed): 30 s for the
  // handshake; then a ping every read_timeout / 2, and the connection is closed when nothing, not
  // even the pong, has arrived by the next one. A dead peer goes within read_timeout.
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = context_.limits.read_timeout;
  ws_.set_option(timeouts);
  ws_.read_message_max(context_.limits.body_limit_bytes);
  ws_.text(true);  // every message kvstore sends is a text frame
  ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept,
                                                      shared_from_this()));
}

void WebSocketSession::on_accept(beast::error_code ec) {
  if (ec) return;  // Beast has answered a malformed upgrade with 400; the connection ends
  open_ = true;
  context_.metrics.websocket_session_opened();
  do_read();
}

void WebSocketSession::do_read() {
  ws_.async_read(read_buffer_,
                 beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::on_read(beast::error_code ec, std::size_t /*bytes_transferred*/) {
  // Closed by the client (Beast has answered its close frame), timed out, reset, or a message
  // over the limit: the session ends once the handlers still holding it have run, and with it
  // its subscriptions and its connection slot.
  if (ec) return;
  context_.metrics.websocket_message_received();
  const std::string_view message(static_cast<const char*>(read_buffer_.data().data()),
                                 read_buffer_.size());
  std::visit([this](const auto& command) { answer(command); }, parse_command(message));
  read_buffer_.consume(read_buffer_.size());
  // A client that does not read its replies gets no more of them until it does: replies are
  // never dropped, so this is what bounds them. No ping is answered meanwhile, and one stuck
  // like this for 30 s is closed by the idle timeout.
  if (waiting_.full()) {
    read_paused_ = true;
    return;
  }
  do_read();
}

void WebSocketSession::answer(const SubscribeCommand& command) {
  if (!subscriptions_.contains(command.key)) {
    if (subscriptions_.size() >= context_.limits.websocket_subscriptions) {
      return reply(error_reply("too many subscriptions"));
    }
    subscriptions_.emplace(command.key,
                           context_.subscriptions.subscribe(command.key, weak_from_this()));
  }
  reply(subscribed_reply(command.key));
}

void WebSocketSession::answer(const SetCommand& command) {
  // Through the PublishingStore: subscribers (this session too, if subscribed) get `chg`, queued
  // on their strands behind this reply.
  context_.store.put(command.key, std::string(command.value));
  reply(stored_reply(command.key));
}

void WebSocketSession::answer(const EchoCommand& command) { reply(std::string(command.message)); }

void WebSocketSession::answer(const InvalidCommand& command) {
  reply(error_reply(command.reason));
}

void WebSocketSession::reply(std::string text) {
  auto message = std::make_shared<const std::string>(std::move(text));
  if (!writing_) return start_write(std::move(message));
  if (waiting_.add_reply(std::move(message))) context_.metrics.websocket_push_dropped();
}

void WebSocketSession::push(WebSocketMessage message) {
  // Post, never dispatch: the writer may be this session's own `set`, and its reply comes first.
  net::post(ws_.get_executor(),
            [self = shared_from_this(), message = std::move(message)]() mutable {
              self->send_push(std::move(message));
            });
}

void WebSocketSession::send_push(WebSocketMessage message) {
  if (!writing_) return start_write(std::move(message));
  if (waiting_.add_push(std::move(message))) context_.metrics.websocket_push_dropped();
}

void WebSocketSession::start_write(WebSocketMessage message) {
  writing_ = std::move(message);
  ws_.async_write(net::buffer(*writing_),
                  beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, std::size_t /*bytes_transferred*/) {
  // A failed write fails the stream: the pending read, if any, fails too and the session ends.
  // writing_ stays set, so nothing more is written meanwhile.
  if (ec) return;
  context_.metrics.websocket_message_sent();
  writing_.reset();
  if (!waiting_.empty()) start_write(waiting_.pop());
  if (read_paused_ && !waiting_.full()) {
    read_paused_ = false;
    do_read();
  }
}

}  // namespace kvstore
