// Tiny servers on 127.0.0.1 (port 0) for the connection-level load tests, run on the test's
// io_context: a WebSocket server speaking kvstore's echo/sub protocol that can drop every
// connection or stop answering, a raw TCP server that counts how connections end and where they
// came from, and an SSE server shaped like godash's /events; and what the tests that use them
// share: running the loop until something holds, reading a count per connection error.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/connection_error.h"

namespace faultline::load::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

inline tcp::endpoint loopback_any_port() { return {asio::ip::make_address("127.0.0.1"), 0}; }

// A loopback port with nothing listening: bound once by the kernel's choice, then released.
inline tcp::endpoint refused_endpoint(asio::io_context& io) {
  tcp::acceptor probe(io, loopback_any_port());
  const tcp::endpoint endpoint = probe.local_endpoint();
  probe.close();
  return endpoint;
}

// Notes where an accepted connection came from (nothing if the client has already reset it).
inline void record_peer(std::vector<asio::ip::address>& peers, const tcp::socket& socket) {
  boost::system::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (!ec) peers.push_back(peer.address());
}

// Runs `io` until `done()` holds or `timeout` passes; true if done.
inline bool run_until(asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (io.stopped()) io.restart();
    io.run_for(std::chrono::milliseconds(2));
  }
  return true;
}

// `error`'s count in a per-error array of StormCounts (connect_failures, disconnects).
inline std::uint64_t count_of(const std::array<std::uint64_t, kConnectionErrorCount>& counts, ConnectionError error) {
  return counts[static_cast<std::size_t>(error)];
}

// Answers "echo X" with "echo X" and "sub KEY" with "ok sub KEY", as kvstore does, and pushes
// to a key's subscribers on request; pings are answered
// by Beast while a read is pending, so a server that stops reading also stops answering pings.
class WebSocketEchoServer {
 public:
  explicit WebSocketEchoServer(asio::io_context& io) : acceptor_(io, loopback_any_port()) { accept(); }

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t sessions_opened() const { return sessions_opened_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  std::size_t close_frames_received() const { return close_frames_received_; }
  std::size_t subscribers(std::string_view key) const {
    std::size_t n = 0;
    for (const auto& session : sessions_) n += session->subscribed == key;
    return n;
  }

  // New sessions accept the upgrade but never read: no echo, no pong.
  void set_silent(bool silent) { silent_ = silent; }

  // Closes every connection's socket at once, as a crashing target would.
  void drop_all() {
    for (const auto& session : sessions_) {
      boost::system::error_code ignored;
      beast::get_lowest_layer(session->ws).socket().close(ignored);
    }
    sessions_.clear();
  }

  void push(std::string_view key, const std::string& text) {
    for (const auto& session : sessions_) {
      if (session->subscribed == key) session->send(text);
    }
  }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket socket, WebSocketEchoServer& server) : ws(std::move(socket)), server(server) {}

    void start() {
      ws.async_accept([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec) return;
        ++self->server.sessions_opened_;
        if (!self->server.silent_) self->read();
      });
    }
    void read() {
      ws.async_read(inbox, [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
        if (ec == websocket::error::closed) ++self->server.close_frames_received_;
        if (ec) return;
        const std::string text = beast::buffers_to_string(self->inbox.data());
        self->inbox.consume(self->inbox.size());
        if (text.starts_with("sub ")) {
          self->subscribed = text.substr(4);
          self->send("ok " + text);
        } else {
          self->send(text);
        }
        self->read();
      });
    }
    void send(const std::string& text) {
      outbox.push_back(text);
      if (outbox.size() == 1) write_front();
    }
    void write_front() {
      ws.text(true);
      ws.async_write(asio::buffer(outbox.front()),
                     [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                       if (ec) return;
                       self->outbox.pop_front();
                       if (!self->outbox.empty()) self->write_front();
                     });
    }

    websocket::stream<beast::tcp_stream> ws;
    WebSocketEchoServer& server;
    beast::flat_buffer inbox;
    std::deque<std::string> outbox;
    std::string subscribed;
  };

  void accept() {
    acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec) return;
      record_peer(peers_, socket);
      auto session = std::make_shared<Session>(std::move(socket), *this);
      sessions_.push_back(session);
      session->start();
      accept();
    });
  }

  tcp::acceptor acceptor_;
  std::vector<std::shared_ptr<Session>> sessions_;  // kept open, even when silent, until drop_all()
  bool silent_ = false;
  std::size_t sessions_opened_ = 0;
  std::vector<asio::ip::address> peers_;
  std::size_t close_frames_received_ = 0;
};

// Accepts, optionally writes a greeting (and optionally closes at once), then reads until the
// client ends the connection, counting whether it ended with FIN (eof) or RST (reset).
class RawTcpServer {
 public:
  struct Behaviour {
    std::string greeting;        // written once accepted; empty: nothing
    bool close_at_once = false;  // close right after accepting (and the greeting)
  };

  RawTcpServer(asio::io_context& io, Behaviour behaviour) : acceptor_(io, loopback_any_port()), behaviour_(behaviour) {
    accept();
  }

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t accepted() const { return accepted_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  std::size_t ended_by_fin() const { return ended_by_fin_; }
  std::size_t ended_by_rst() const { return ended_by_rst_; }

 private:
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(tcp::socket socket, RawTcpServer& server) : socket(std::move(socket)), server(server) {}

    void read() {
      socket.async_read_some(asio::buffer(buffer),
                             [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                               if (ec == asio::error::eof) ++self->server.ended_by_fin_;
                               if (ec == asio::error::connection_reset) ++self->server.ended_by_rst_;
                               if (!ec) self->read();
                             });
    }

    tcp::socket socket;
    RawTcpServer& server;
    std::array<char, 1024> buffer;
  };

  void accept() {
    acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec) return;
      ++accepted_;
      record_peer(peers_, socket);
      auto connection = std::make_shared<Connection>(std::move(socket), *this);
      boost::system::error_code ignored;
      if (!behaviour_.greeting.empty()) asio::write(connection->socket, asio::buffer(behaviour_.greeting), ignored);
      if (behaviour_.close_at_once) {
        connection->socket.close(ignored);
      } else {
        connection->read();
      }
      accept();
    });
  }

  tcp::acceptor acceptor_;
  Behaviour behaviour_;
  std::size_t accepted_ = 0;
  std::vector<asio::ip::address> peers_;
  std::size_t ended_by_fin_ = 0;
  std::size_t ended_by_rst_ = 0;
};

// Answers every request as godash's GET /events does: 200 text/event-stream, chunked, the stream
// opened with ": subscribed"; then writes what the test sends to every stream, one chunk per
// send, until it ends them (the last chunk, then close). Another status is answered with an
// empty body and a close.
class SseServer {
 public:
  struct Behaviour {
    unsigned status = 200;
    std::string content_type = "text/event-stream";
  };

  explicit SseServer(asio::io_context& io) : SseServer(io, Behaviour{}) {}
  SseServer(asio::io_context& io, Behaviour behaviour)
      : acceptor_(io, loopback_any_port()), behaviour_(std::move(behaviour)) {
    accept();
  }

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t streams_opened() const { return streams_opened_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  // The last request's target and Accept header.
  const std::string& last_target() const { return last_target_; }
  const std::string& last_accept() const { return last_accept_; }

  // `bytes` as one chunk to every open stream.
  void send(std::string_view bytes) {
    for (const auto& stream : streams_) write(*stream, chunk(bytes));
  }

  // Ends every stream as godash does when it drops a subscriber: the last chunk, then close.
  void end_streams() {
    for (const auto& stream : streams_) {
      write(*stream, "0\r\n\r\n");
      boost::system::error_code ignored;
      stream->socket.close(ignored);
    }
    streams_.clear();
  }

 private:
  struct Stream {
    explicit Stream(tcp::socket socket) : socket(std::move(socket)) {}

    tcp::socket socket;
    beast::flat_buffer buffer;
    http::request<http::empty_body> request;
  };

  static std::string chunk(std::string_view bytes) {
    std::ostringstream chunk;
    chunk << std::hex << bytes.size() << "\r\n" << bytes << "\r\n";
    return chunk.str();
  }

  // Loopback buffers take the little the tests write: a blocking write cannot stall.
  static void write(Stream& stream, std::string_view bytes) {
    boost::system::error_code ignored;
    asio::write(stream.socket, asio::buffer(bytes), ignored);
  }

  void accept() {
    acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec) return;
      record_peer(peers_, socket);
      auto stream = std::make_shared<Stream>(std::move(socket));
      http::async_read(stream->socket, stream->buffer, stream->request,
                       [this, stream](const boost::system::error_code& ec, std::size_t) {
                         if (!ec) answer(stream);
                       });
      accept();
    });
  }

  void answer(const std::shared_ptr<Stream>& stream) {
    last_target_ = std::string(stream->request.target());
    last_accept_ = std::string(stream->request[http::field::accept]);
    if (behaviour_.status != 200) {
      write(*stream, "HTTP/1.1 " + std::to_string(behaviour_.status) +
                         " Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      boost::system::error_code ignored;
      stream->socket.close(ignored);
      return;
    }
    write(*stream, "HTTP/1.1 200 OK\r\nContent-Type: " + behaviour_.content_type +
                       "\r\nCache-Control: no-cache\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
    write(*stream, chunk(": subscribed\n\n"));
    ++streams_opened_;
    streams_.push_back(stream);
  }

  tcp::acceptor acceptor_;
  Behaviour behaviour_;
  std::vector<std::shared_ptr<Stream>> streams_;  // open until end_streams()
  std::size_t streams_opened_ = 0;
  std::vector<asio::ip::address> peers_;
  std::string last_target_;
  std::string last_accept_;
};

}  // namespace faultline::load::testing
