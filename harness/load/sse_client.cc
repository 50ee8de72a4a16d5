#include "harness/load/sse_client.h"

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/optional/optional.hpp>
#include <charconv>

#include "harness/load/publish_time.h"

namespace faultline::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using beast::bind_front_handler;

namespace {

// Bytes read and not yet parsed by Beast (the response header must fit: Beast's own header
// limit is 8 KiB).
constexpr std::size_t kInboxBytes = 16 * 1024;
// The body's bytes, without chunk framing, pass through here on their way to the event parser.
constexpr std::size_t kBodyPieceBytes = 4 * 1024;

std::string request_for(const SseClientConfig& config) {
  return "GET " + config.path + " HTTP/1.1\r\nHost: " + config.host +
         "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
}

// "text/event-stream" in any case, possibly with parameters ("; charset=utf-8").
bool is_event_stream(std::string_view content_type) {
  constexpr std::string_view kType = "text/event-stream";
  if (content_type.size() < kType.size() || !beast::iequals(content_type.substr(0, kType.size()), kType)) {
    return false;
  }
  const std::string_view rest = content_type.substr(kType.size());
  return rest.empty() || rest.front() == ';' || rest.front() == ' ' || rest.front() == '\t';
}

}  // namespace

struct SseClient::Link {
  Link(asio::io_context& io, std::size_t max_line_bytes) : stream(io), inbox(kInboxBytes), events(max_line_bytes) {
    response.body_limit(boost::none);  // a stream has no end in sight
  }

  beast::tcp_stream stream;
  beast::flat_buffer inbox;
  http::response_parser<http::buffer_body> response;
  SseStreamParser events;
  std::array<char, kBodyPieceBytes> body_piece;
};

SseClient::SseClient(asio::io_context& io, std::shared_ptr<const SseClientConfig> config, StormRecorder& recorder,
                     std::uint32_t index, std::uint64_t seed)
    : config_(std::move(config)),
      recorder_(recorder),
      io_(io),
      reconnector_(io, config_->reconnect, recorder, index, seed),
      request_(request_for(*config_)),
      next_source_(index) {}

void SseClient::start() {
  if (state_ != State::idle) return;
  // Called only while this client lives and waits (stop() cancels the pause).
  reconnector_.start(weak_from_this(), [this] { connect(); });
  connect();
}

void SseClient::connect() {
  state_ = State::connecting;
  reconnector_.attempt_started();
  link_ = std::make_shared<Link>(io_, config_->max_line_bytes);
  if (const auto ec = config_->source_addresses.bind(link_->stream.socket(), next_source_++)) {
    fail_connect(classify_connection(ec));
    return;
  }
  link_->stream.expires_after(config_->connect_timeout);
  link_->stream.async_connect(config_->endpoint, bind_front_handler(&SseClient::on_connect, shared_from_this(), link_));
}

void SseClient::on_connect(std::shared_ptr<Link> link, const boost::system::error_code& ec) {
  if (!current(link, State::connecting)) return;
  if (ec) {
    fail_connect(classify_connection(ec));
    return;
  }
  state_ = State::requesting;
  // One deadline for the write and the header read that follows.
  link->stream.expires_after(config_->handshake_timeout);
  asio::async_write(link->stream, asio::buffer(request_),
                    bind_front_handler(&SseClient::on_request_written, shared_from_this(), link));
}

void SseClient::on_request_written(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t) {
  if (!current(link, State::requesting)) return;
  if (ec) {
    fail_connect(classify_connection(ec));
    return;
  }
  http::async_read_header(link->stream, link->inbox, link->response,
                          bind_front_handler(&SseClient::on_header, shared_from_this(), link));
}

void SseClient::on_header(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t) {
  if (!current(link, State::requesting)) return;
  if (ec) {
    fail_connect(classify_connection(ec));
    return;
  }
  const auto& header = link->response.get();
  if (header.result() != http::status::ok || !is_event_stream(header[http::field::content_type])) {
    fail_connect(ConnectionError::handshake);
    return;
  }
  reconnector_.connected();
  state_ = State::open;
  last_id_.reset();  // no replay: a new stream's ids follow from wherever the target is now
  read();
}

void SseClient::read() {
  if (link_->response.is_done()) {  // the body ended (last chunk, or a Content-Length reached)
    lose(ConnectionError::eof);
    return;
  }
  if (config_->idle_timeout > std::chrono::nanoseconds::zero()) {
    link_->stream.expires_after(config_->idle_timeout);
  } else {
    link_->stream.expires_never();
  }
  auto& piece = link_->response.get().body();
  piece.data = link_->body_piece.data();
  piece.size = link_->body_piece.size();
  // The parser is not eager: an eager one goes on past a chunk into the next chunk's header and,
  // finding it incomplete, reads on, holding back the events it already has.
  http::async_read_some(link_->stream, link_->inbox, link_->response,
                        bind_front_handler(&SseClient::on_read, shared_from_this(), link_));
}

void SseClient::on_read(std::shared_ptr<Link> link, boost::system::error_code ec, std::size_t) {
  if (!current(link, State::open)) return;
  if (ec == http::error::need_buffer) ec = {};  // the body piece is full: parse it, then read on
  if (ec) {
    lose(classify_sse_stream(ec));
    return;
  }
  const std::size_t filled = link->body_piece.size() - link->response.get().body().size;
  if (!link->events.feed(std::string_view(link->body_piece.data(), filled), *this)) {
    lose(ConnectionError::protocol);
    return;
  }
  read();
}

void SseClient::on_event(const SseEvent& event) {
  std::optional<std::chrono::nanoseconds> latency;
  if (!config_->publish_time_member.empty()) {
    if (const auto published = json_time_ns(event.data, config_->publish_time_member)) {
      latency = delivery_latency(*published);
    }
  }
  recorder_.push_received(latency);
  if (config_->sequential_ids && event.has_own_id) check_id(event.id);
}

void SseClient::check_id(std::string_view text) {
  std::uint64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size()) return;  // not a number: nothing to check
  if (last_id_ && id != *last_id_ + 1) recorder_.event_id_gap(id > *last_id_ ? id - *last_id_ - 1 : 0);
  last_id_ = id;
}

void SseClient::lose(ConnectionError cause) {
  drop_link();
  state_ = reconnector_.lost<State>(cause);
}

void SseClient::fail_connect(ConnectionError error) {
  drop_link();
  state_ = reconnector_.connect_failed<State>(error);
}

void SseClient::drop_link() {
  // Closing the socket aborts the link's pending operations; their handlers hold the link
  // until they have run, and find it stale.
  if (link_) link_->stream.close();
  link_.reset();
}

void SseClient::stop() {
  switch (state_) {
    case State::idle:
    case State::gave_up:
      state_ = State::stopped;
      return;
    case State::stopped:
      return;
    case State::connecting:
    case State::requesting:
    case State::waiting:
      // An attempt under way is abandoned: neither a success nor a failure.
      reconnector_.stop();
      drop_link();
      state_ = State::stopped;
      return;
    case State::open:
      recorder_.closed();
      drop_link();
      state_ = State::stopped;
      return;
  }
}

}  // namespace faultline::load
