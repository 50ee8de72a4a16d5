#include "tests/unit/load/loopback_servers.h"

#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <sstream>

namespace faultline::load::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

// Notes where an accepted connection came from (nothing if the client has already reset it).
void record_peer(std::vector<asio::ip::address>& peers, const tcp::socket& socket) {
  boost::system::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (!ec) peers.push_back(peer.address());
}

}  // namespace

tcp::endpoint refused_endpoint(asio::io_context& io) {
  tcp::acceptor probe(io, loopback_any_port());
  const tcp::endpoint endpoint = probe.local_endpoint();
  probe.close();
  return endpoint;
}

bool run_until(asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (io.stopped()) io.restart();
    io.run_for(std::chrono::milliseconds(2));
  }
  return true;
}

// ---- WebSocketEchoServer ----

struct WebSocketEchoServer::Session : std::enable_shared_from_this<Session> {
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
    ws.async_write(asio::buffer(outbox.front()), [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
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

WebSocketEchoServer::WebSocketEchoServer(asio::io_context& io) : acceptor_(io, loopback_any_port()) { accept(); }

WebSocketEchoServer::~WebSocketEchoServer() = default;

std::size_t WebSocketEchoServer::subscribers(std::string_view key) const {
  std::size_t n = 0;
  for (const auto& session : sessions_) n += session->subscribed == key;
  return n;
}

void WebSocketEchoServer::drop_all() {
  for (const auto& session : sessions_) {
    boost::system::error_code ignored;
    beast::get_lowest_layer(session->ws).socket().close(ignored);
  }
  sessions_.clear();
}

void WebSocketEchoServer::push(std::string_view key, const std::string& text) {
  for (const auto& session : sessions_) {
    if (session->subscribed == key) session->send(text);
  }
}

void WebSocketEchoServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec) return;
    record_peer(peers_, socket);
    auto session = std::make_shared<Session>(std::move(socket), *this);
    sessions_.push_back(session);
    session->start();
    accept();
  });
}

// ---- RawTcpServer ----

struct RawTcpServer::Connection : std::enable_shared_from_this<Connection> {
  Connection(tcp::socket socket, RawTcpServer& server) : socket(std::move(socket)), server(server) {}

  void read() {
    socket.async_read_some(asio::buffer(buffer), [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
      if (ec == asio::error::eof) ++self->server.ended_by_fin_;
      if (ec == asio::error::connection_reset) ++self->server.ended_by_rst_;
      if (!ec) self->read();
    });
  }

  tcp::socket socket;
  RawTcpServer& server;
  std::array<char, 1024> buffer;
};

RawTcpServer::RawTcpServer(asio::io_context& io, Behaviour behaviour)
    : acceptor_(io, loopback_any_port()), behaviour_(std::move(behaviour)) {
  accept();
}

void RawTcpServer::accept() {
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

// ---- SseServer ----

struct SseServer::Stream {
  explicit Stream(tcp::socket socket) : socket(std::move(socket)) {}

  tcp::socket socket;
  beast::flat_buffer buffer;
  http::request<http::empty_body> request;
};

namespace {

std::string chunk(std::string_view bytes) {
  std::ostringstream chunk;
  chunk << std::hex << bytes.size() << "\r\n" << bytes << "\r\n";
  return chunk.str();
}

// Loopback buffers take the little the tests write: a blocking write cannot stall.
void write(tcp::socket& socket, std::string_view bytes) {
  boost::system::error_code ignored;
  asio::write(socket, asio::buffer(bytes), ignored);
}

}  // namespace

SseServer::SseServer(asio::io_context& io) : SseServer(io, Behaviour{}) {}

SseServer::SseServer(asio::io_context& io, Behaviour behaviour)
    : acceptor_(io, loopback_any_port()), behaviour_(std::move(behaviour)) {
  accept();
}

SseServer::~SseServer() = default;

void SseServer::send(std::string_view bytes) {
  for (const auto& stream : streams_) write(stream->socket, chunk(bytes));
}

void SseServer::end_streams() {
  for (const auto& stream : streams_) {
    write(stream->socket, "0\r\n\r\n");
    boost::system::error_code ignored;
    stream->socket.close(ignored);
  }
  streams_.clear();
}

void SseServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec) return;
    record_peer(peers_, socket);
    auto stream = std::make_shared<Stream>(std::move(socket));
    http::async_read(stream->socket, stream->buffer, stream->request, [this, stream](const boost::system::error_code& ec, std::size_t) {
      if (!ec) answer(stream);
    });
    accept();
  });
}

void SseServer::answer(const std::shared_ptr<Stream>& stream) {
  last_target_ = std::string(stream->request.target());
  last_accept_ = std::string(stream->request[http::field::accept]);
  if (behaviour_.status != 200) {
    write(stream->socket,
          "HTTP/1.1 " + std::to_string(behaviour_.status) + " Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    boost::system::error_code ignored;
    stream->socket.close(ignored);
    return;
  }
  write(stream->socket, "HTTP/1.1 200 OK\r\nContent-Type: " + behaviour_.content_type +
                            "\r\nCache-Control: no-cache\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
  write(stream->socket, chunk(": subscribed\n\n"));
  ++streams_opened_;
  streams_.push_back(stream);
}

}  // namespace faultline::load::testing
