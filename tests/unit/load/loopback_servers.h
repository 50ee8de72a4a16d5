// Tiny servers on 127.0.0.1 (port 0) for the connection-level load tests, run on the test's
// io_context: a WebSocket server speaking kvstore's echo/sub protocol that can drop every
// connection or stop answering, a raw TCP server that counts how connections end and where they
// came from, and an SSE server shaped like godash's /events; and what the tests that use them
// share: running the loop until something holds, reading a count per connection error.
// The servers are compiled once, in loopback_servers.cc: Beast's server templates cost each
// test file that instantiated them over a minute of the sanitized build.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/connection_error.h"

namespace faultline::load::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

inline tcp::endpoint loopback_any_port() { return {asio::ip::make_address("127.0.0.1"), 0}; }

// A loopback port with nothing listening: bound once by the kernel's choice, then released.
tcp::endpoint refused_endpoint(asio::io_context& io);

// Runs `io` until `done()` holds or `timeout` passes; true if done.
bool run_until(asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds timeout = std::chrono::seconds(3));

// `error`'s count in a per-error array of StormCounts (connect_failures, disconnects).
inline std::uint64_t count_of(const std::array<std::uint64_t, kConnectionErrorCount>& counts, ConnectionError error) {
  return counts[static_cast<std::size_t>(error)];
}

// Answers "echo X" with "echo X" and "sub KEY" with "ok sub KEY", as kvstore does, and pushes
// to a key's subscribers on request; pings are answered
// by Beast while a read is pending, so a server that stops reading also stops answering pings.
class WebSocketEchoServer {
 public:
  explicit WebSocketEchoServer(asio::io_context& io);
  ~WebSocketEchoServer();

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t sessions_opened() const { return sessions_opened_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  std::size_t close_frames_received() const { return close_frames_received_; }
  std::size_t subscribers(std::string_view key) const;

  // New sessions accept the upgrade but never read: no echo, no pong.
  void set_silent(bool silent) { silent_ = silent; }

  // Closes every connection's socket at once, as a crashing target would.
  void drop_all();

  void push(std::string_view key, const std::string& text);

 private:
  struct Session;

  void accept();

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

  RawTcpServer(asio::io_context& io, Behaviour behaviour);

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t accepted() const { return accepted_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  std::size_t ended_by_fin() const { return ended_by_fin_; }
  std::size_t ended_by_rst() const { return ended_by_rst_; }

 private:
  struct Connection;

  void accept();

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

  explicit SseServer(asio::io_context& io);
  SseServer(asio::io_context& io, Behaviour behaviour);
  ~SseServer();

  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::size_t streams_opened() const { return streams_opened_; }
  // The source address of every connection accepted, in order.
  const std::vector<asio::ip::address>& peers() const { return peers_; }
  // The last request's target and Accept header.
  const std::string& last_target() const { return last_target_; }
  const std::string& last_accept() const { return last_accept_; }

  // `bytes` as one chunk to every open stream.
  void send(std::string_view bytes);
  // Ends every stream as godash does when it drops a subscriber: the last chunk, then close.
  void end_streams();

 private:
  struct Stream;

  void accept();
  void answer(const std::shared_ptr<Stream>& stream);

  tcp::acceptor acceptor_;
  Behaviour behaviour_;
  std::vector<std::shared_ptr<Stream>> streams_;  // open until end_streams()
  std::size_t streams_opened_ = 0;
  std::vector<asio::ip::address> peers_;
  std::string last_target_;
  std::string last_accept_;
};

}  // namespace faultline::load::testing
