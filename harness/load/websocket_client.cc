#include "harness/load/websocket_client.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "harness/load/publish_time.h"

namespace faultline::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using beast::bind_front_handler;

struct WebSocketClient::Link {
  explicit Link(asio::io_context& io) : ws(io) {}

  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer inbox;  // the message being read
  std::string outbox;        // the message being written
};

WebSocketClient::WebSocketClient(asio::io_context& io, std::shared_ptr<const WebSocketClientConfig> config,
                                 StormRecorder& recorder, std::uint32_t index, std::uint64_t seed)
    : config_(std::move(config)),
      recorder_(recorder),
      io_(io),
      reconnector_(io, config_->reconnect, recorder, index, seed),
      send_timer_(io),
      ping_timer_(io),
      pong_timer_(io),
      next_source_(index),
      next_sequence_(index) {}

void WebSocketClient::start() {
  if (state_ != State::idle) return;
  // Called only while this client lives and waits (stop() cancels the pause).
  reconnector_.start(weak_from_this(), [this] { connect(); });
  connect();
}

void WebSocketClient::connect() {
  state_ = State::connecting;
  reconnector_.attempt_started();
  link_ = std::make_shared<Link>(io_);
  auto& tcp = beast::get_lowest_layer(link_->ws);
  if (const auto ec = config_->source_addresses.bind(tcp.socket(), next_source_++)) {
    fail_connect(classify_connection(ec));
    return;
  }
  tcp.expires_after(config_->connect_timeout);
  tcp.async_connect(config_->endpoint, bind_front_handler(&WebSocketClient::on_connect, shared_from_this(), link_));
}

void WebSocketClient::on_connect(std::shared_ptr<Link> link, const boost::system::error_code& ec) {
  if (!current(link, State::connecting)) return;
  if (ec) {
    fail_connect(classify_connection(ec));
    return;
  }
  auto& tcp = beast::get_lowest_layer(link->ws);
  // From here the WebSocket stream's own deadlines apply (handshake, close); the heartbeat
  // notices a silent peer.
  tcp.expires_never();
  boost::system::error_code ignored;
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
  websocket::stream_base::timeout deadlines{};
  deadlines.handshake_timeout =
      std::chrono::duration_cast<websocket::stream_base::duration>(config_->handshake_timeout);
  deadlines.idle_timeout = websocket::stream_base::none();
  deadlines.keep_alive_pings = false;
  link->ws.set_option(deadlines);
  link->ws.read_message_max(kMaxMessageBytes);
  state_ = State::handshaking;
  link->ws.async_handshake(config_->host, config_->path,
                           bind_front_handler(&WebSocketClient::on_handshake, shared_from_this(), link));
}

void WebSocketClient::on_handshake(std::shared_ptr<Link> link, const boost::system::error_code& ec) {
  if (!current(link, State::handshaking)) return;
  if (ec) {
    fail_connect(classify_connection(ec));
    return;
  }
  const Clock::time_point now = reconnector_.connected();
  state_ = State::open;
  // Called during a read, which holds this client alive.
  link->ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::pong) awaiting_pong_since_.reset();
  });
  read();
  if (!config_->subscribe_key.empty()) {
    link->outbox.assign(kSubscribePrefix);
    link->outbox.append(config_->subscribe_key);
    write(link->outbox);
  }
  if (config_->message && config_->messages_per_s > 0) {
    next_send_at_ = now;
    send_message();
    arm_send();
  }
  if (config_->heartbeat_interval > std::chrono::nanoseconds::zero()) arm_ping();
}

void WebSocketClient::read() {
  link_->ws.async_read(link_->inbox, bind_front_handler(&WebSocketClient::on_read, shared_from_this(), link_));
}

void WebSocketClient::on_read(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t) {
  if (!current(link, State::open)) return;
  if (ec) {
    lose(classify_connection(ec));
    return;
  }
  const auto data = link->inbox.cdata();
  on_message(std::string_view(static_cast<const char*>(data.data()), data.size()), Clock::now());
  link->inbox.consume(link->inbox.size());
  read();
}

void WebSocketClient::on_message(std::string_view text, Clock::time_point now) {
  if (text.starts_with(kPushPrefix)) {
    std::optional<std::chrono::nanoseconds> latency;
    if (config_->push_carries_time_ns) {
      if (const auto published = trailing_time_ns(text)) latency = delivery_latency(*published);
    }
    recorder_.push_received(latency);
    return;
  }
  const auto reply = in_flight_.take_match([&](const InFlightMessages::Sent& sent) {
    return config_->message->matches(text, sent.sequence, sent.unix_time_ns);
  });
  if (reply) {
    recorder_.reply_matched(now - reply->sent_at);
  } else {
    recorder_.message_unmatched();
  }
}

void WebSocketClient::write(std::string_view text) {
  write_in_flight_ = true;
  link_->ws.text(true);
  link_->ws.async_write(asio::buffer(text), bind_front_handler(&WebSocketClient::on_write, shared_from_this(), link_));
}

void WebSocketClient::on_write(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t) {
  if (!current(link, State::open)) return;
  if (ec) {
    lose(classify_connection(ec));
    return;
  }
  write_in_flight_ = false;
  if (send_due_) {
    send_due_ = false;
    send_message();
  }
}

void WebSocketClient::arm_send() {
  const auto period =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / config_->messages_per_s));
  // A client that fell behind (a stalled loop) resumes at its rate rather than in a burst.
  next_send_at_ = std::max(next_send_at_ + period, Clock::now());
  send_timer_.expires_at(next_send_at_);
  send_timer_.async_wait([self = shared_from_this(), link = link_](const boost::system::error_code& ec) {
    if (ec || !self->current(link, State::open)) return;
    self->send_message();
    self->arm_send();
  });
}

void WebSocketClient::send_message() {
  if (write_in_flight_) {
    send_due_ = true;
    return;
  }
  if (config_->track_replies && in_flight_.full()) {
    recorder_.send_skipped();
    return;
  }
  const InFlightMessages::Sent sent{next_sequence_, unix_time_ns(), Clock::now()};
  next_sequence_ += config_->sequence_stride;
  if (config_->track_replies) in_flight_.push(sent);
  config_->message->render(sent.sequence, sent.unix_time_ns, link_->outbox);
  write(link_->outbox);
  recorder_.message_sent();
}

void WebSocketClient::arm_ping() {
  ping_timer_.expires_after(config_->heartbeat_interval);
  ping_timer_.async_wait([self = shared_from_this(), link = link_](const boost::system::error_code& ec) {
    if (ec || !self->current(link, State::open)) return;
    self->ping();
    self->arm_ping();
  });
}

void WebSocketClient::ping() {
  if (ping_in_flight_) return;  // the last ping is still being written: the link is stuck anyway
  ping_in_flight_ = true;
  link_->ws.async_ping({}, [self = shared_from_this(), link = link_](const boost::system::error_code& ec) {
    if (!self->current(link, State::open)) return;
    self->ping_in_flight_ = false;
    if (ec) self->lose(classify_connection(ec));
  });
  // The deadline runs from the first unanswered ping: later pings do not extend it.
  if (awaiting_pong_since_) return;
  const Clock::time_point now = Clock::now();
  awaiting_pong_since_ = now;
  pong_timer_.expires_after(config_->pong_timeout);
  pong_timer_.async_wait([self = shared_from_this(), link = link_, now](const boost::system::error_code& ec) {
    if (ec || !self->current(link, State::open)) return;
    if (self->awaiting_pong_since_ == now) self->lose(ConnectionError::timeout);
  });
}

void WebSocketClient::lose(ConnectionError cause) {
  drop_link();
  state_ = reconnector_.lost<State>(cause);
}

void WebSocketClient::fail_connect(ConnectionError error) {
  drop_link();
  state_ = reconnector_.connect_failed<State>(error);
}

void WebSocketClient::drop_link() {
  send_timer_.cancel();
  ping_timer_.cancel();
  pong_timer_.cancel();
  // Closing the socket aborts the link's pending operations; their handlers hold the link
  // until they have run, and find it stale.
  if (link_) beast::get_lowest_layer(link_->ws).close();
  link_.reset();
  write_in_flight_ = false;
  send_due_ = false;
  ping_in_flight_ = false;
  awaiting_pong_since_.reset();
  in_flight_.clear();
}

void WebSocketClient::stop() {
  switch (state_) {
    case State::idle:
    case State::gave_up:
      state_ = State::stopped;
      return;
    case State::closing:
    case State::stopped:
      return;
    case State::connecting:
    case State::handshaking:
    case State::waiting:
      // An attempt under way is abandoned: neither a success nor a failure.
      reconnector_.stop();
      drop_link();
      state_ = State::stopped;
      return;
    case State::open: {
      recorder_.closed();
      send_timer_.cancel();
      ping_timer_.cancel();
      pong_timer_.cancel();
      state_ = State::closing;
      // The pending read ends with the close; the close is bounded by handshake_timeout.
      link_->ws.async_close(websocket::close_code::normal,
                            [self = shared_from_this(), link = link_](const boost::system::error_code&) {
                              if (!self->current(link, State::closing)) return;
                              self->drop_link();
                              self->state_ = State::stopped;
                            });
      return;
    }
  }
}

}  // namespace faultline::load
