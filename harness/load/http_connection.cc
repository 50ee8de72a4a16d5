#include "harness/load/http_connection.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "harness/load/http_worker.h"

namespace faultline::load {

namespace asio = boost::asio;
using boost::beast::bind_front_handler;

namespace {
// A failed connect is retried after this pause, so that a target that refuses connections
// is probed steadily rather than in a busy loop.
constexpr auto kReconnectPause = std::chrono::milliseconds(50);
}  // namespace

HttpConnection::HttpConnection(HttpWorker& worker, asio::io_context& io)
    : worker_(worker), socket_(io), reconnect_timer_(io) {
  request_scratch_.reserve(worker_.mix().max_scratch_bytes());
}

void HttpConnection::start() {
  if (worker_.keepalive()) {
    connect();
  } else {
    await_next_request();
  }
}

void HttpConnection::await_next_request() {
  if (shut_down_) return;
  state_ = State::closed;
  worker_.on_connection_ready(*this);
}

void HttpConnection::connect() {
  if (shut_down_) return;
  state_ = State::connecting;
  deadline_start_ = Clock::now();
  socket_.async_connect(worker_.endpoint(),
                        bind_front_handler(&HttpConnection::on_connect, shared_from_this(), generation_));
}

void HttpConnection::on_connect(std::uint64_t generation, const boost::system::error_code& ec) {
  if (shut_down_ || generation != generation_) return;
  if (ec) {
    worker_.record_error(classify_connect(ec));
    close_socket();
    reconnect_later();
    return;
  }
  worker_.record_connect();
  boost::system::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  // Reads and writes are tried directly and fall back to the reactor only when they would block.
  socket_.non_blocking(true, ignored);
  if (!worker_.keepalive()) {
    // Without keep-alive only send() connects: a request is waiting for this connection.
    write_request();
    return;
  }
  state_ = State::idle;
  worker_.on_connection_ready(*this);
}

void HttpConnection::send(Clock::time_point latency_origin) {
  latency_origin_ = latency_origin;
  if (state_ == State::closed) {
    connect();  // on_connect() writes the request
    return;
  }
  write_request();
}

void HttpConnection::write_request() {
  state_ = State::busy;
  deadline_start_ = Clock::now();
  const RenderedRequest request = worker_.mix().render(worker_.next_sequence(), worker_.rng(), request_scratch_);
  parser_.reset(request.head);
  // Wait for the response before sending: the wait is then queued before the response can
  // arrive, and the read happens only once the reactor reports data (no read that would block).
  wait_readable();
  boost::system::error_code ec;
  std::size_t written = socket_.write_some(asio::buffer(request.bytes), ec);
  if (ec == asio::error::would_block) {
    written = 0;
    ec = {};
  }
  if (ec) {
    fail(classify(ec));
    return;
  }
  worker_.record_sent();
  if (written < request.bytes.size()) {
    asio::async_write(socket_, asio::buffer(request.bytes.substr(written)),
                      bind_front_handler(&HttpConnection::on_written, shared_from_this(), generation_));
  }
}

void HttpConnection::on_written(std::uint64_t generation, const boost::system::error_code& ec, std::size_t) {
  if (shut_down_ || generation != generation_ || !ec) return;
  fail(classify(ec));
}

void HttpConnection::wait_readable() {
  socket_.async_wait(asio::socket_base::wait_read,
                     bind_front_handler(&HttpConnection::on_readable, shared_from_this(), generation_));
}

void HttpConnection::on_readable(std::uint64_t generation, const boost::system::error_code& ec) {
  if (shut_down_ || generation != generation_ || state_ != State::busy) return;
  if (ec) {
    fail(classify(ec));
    return;
  }
  for (;;) {
    boost::system::error_code read_ec;
    const std::size_t n = socket_.read_some(asio::buffer(read_buffer_), read_ec);
    if (read_ec == asio::error::would_block) {
      wait_readable();
      return;
    }
    if (read_ec == asio::error::eof) {
      // Only a response delimited by the connection's end is complete at EOF.
      if (parser_.on_eof() == ResponseParser::Status::complete) {
        on_response_complete(parser_.status_code(), true);
      } else {
        fail(ErrorClass::eof);
      }
      return;
    }
    if (read_ec) {
      fail(classify(read_ec));
      return;
    }
    const ResponseParser::Result result = parser_.feed(read_buffer_.data(), n);
    if (result.status == ResponseParser::Status::error) {
      fail(ErrorClass::protocol);
      return;
    }
    if (result.status == ResponseParser::Status::complete) {
      // Bytes after the response were never asked for: the connection cannot be trusted.
      const bool unexpected_bytes = result.consumed < n;
      on_response_complete(parser_.status_code(), parser_.server_closes() || unexpected_bytes);
      return;
    }
    // A read that did not fill the buffer drained the socket: the next data raises a new event.
    if (n < read_buffer_.size()) {
      wait_readable();
      return;
    }
  }
}

void HttpConnection::on_response_complete(int status_code, bool server_closes) {
  const Clock::time_point now = Clock::now();
  worker_.record_response(status_code, latency_origin_, now);
  if (!worker_.keepalive()) {
    close_socket();
    await_next_request();
    return;
  }
  if (server_closes) {
    close_socket();
    connect();
    return;
  }
  state_ = State::idle;
  worker_.on_connection_ready(*this);
}

void HttpConnection::enforce_deadline(Clock::time_point now) {
  if (state_ == State::busy && now - deadline_start_ > worker_.timeout()) {
    fail(ErrorClass::timeout);
  } else if (state_ == State::connecting && now - deadline_start_ > worker_.connect_timeout()) {
    worker_.record_error(ErrorClass::connect_timeout);
    close_socket();
    reconnect_later();
  }
}

void HttpConnection::fail(ErrorClass error) {
  worker_.record_error(error);
  close_socket();
  if (worker_.keepalive()) {
    connect();
  } else {
    await_next_request();
  }
}

// Without keep-alive the failed connect was a request's, already counted as its error; the
// slot takes the next request after the pause, as a keep-alive slot reconnects after it.
void HttpConnection::reconnect_later() {
  state_ = State::disconnected;
  reconnect_timer_.expires_after(kReconnectPause);
  reconnect_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (self->worker_.keepalive()) {
      self->connect();
    } else {
      self->await_next_request();
    }
  });
}

void HttpConnection::close_socket() {
  ++generation_;
  boost::system::error_code ignored;
  socket_.close(ignored);
  state_ = State::disconnected;
}

void HttpConnection::shut_down() {
  shut_down_ = true;
  close_socket();
  reconnect_timer_.cancel();
}

}  // namespace faultline::load
