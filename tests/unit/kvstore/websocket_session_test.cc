// The WebSocket endpoint end to end, in-process: a real Server on 127.0.0.1, port 0, served by
// its own threads, and Beast clients. Every client operation has a 2 s deadline on its stream,
// so a server that never answers fails the test instead of hanging it.
#include "targets/kvstore/server.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace kvstore {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kDeadline{2};

tcp::endpoint server_endpoint(std::uint16_t port) {
  return tcp::endpoint(net::ip::address_v4::loopback(), port);
}

// Runs the one asynchronous operation `start` begins on `io` to its end and returns its error.
// The caller has set a deadline on the stream, so the operation, and this, always end.
template <typename Start>
beast::error_code complete(net::io_context& io, Start start) {
  beast::error_code result = net::error::in_progress;  // kept if the operation never completed
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
}

class WebSocketClient {
 public:
  WebSocketClient() {
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) ++pongs_received_;
    });
  }

  // Connects and upgrades to ws://127.0.0.1:`port``path`; the error says why it could not.
  beast::error_code open(std::uint16_t port, std::string_view path = "/ws") {
    arm_deadline();
    auto& tcp_stream = beast::get_lowest_layer(ws_);
    if (auto ec = complete(io_, [&](auto done) {
          tcp_stream.async_connect(server_endpoint(port), done);
        })) {
      return ec;
    }
    arm_deadline();
    return complete(io_, [&](auto done) { ws_.async_handshake("127.0.0.1", path, done); });
  }

  void send(std::string_view text) {
    arm_deadline();
    const auto ec = complete(io_, [&](auto done) { ws_.async_write(net::buffer(text), done); });
    EXPECT_FALSE(ec) << "sending \"" << text << "\": " << ec.message();
  }

  // The next message, or what went wrong instead (which no expected message equals).
  std::string receive() {
    beast::flat_buffer buffer;
    arm_deadline();
    const auto ec = complete(io_, [&](auto done) { ws_.async_read(buffer, done); });
    if (ec) return "(no message: " + ec.message() + ")";
    return beast::buffers_to_string(buffer.data());
  }

  void ping() {
    arm_deadline();
    const auto ec = complete(io_, [&](auto done) { ws_.async_ping({}, done); });
    EXPECT_FALSE(ec) << "ping: " << ec.message();
  }

  // Pongs seen so far; Beast reports them while a read is in progress.
  int pongs_received() const { return pongs_received_; }

 private:
  void arm_deadline() { beast::get_lowest_layer(ws_).expires_after(kDeadline); }

  net::io_context io_;
  websocket::stream<beast::tcp_stream> ws_{io_};
  int pongs_received_ = 0;
};

struct HttpResult {
  beast::error_code error;
  Response response;
};

// One request on a connection of its own.
HttpResult http_request(std::uint16_t port, http::verb method, std::string_view target,
                        std::string body = {}) {
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(kDeadline);
  HttpResult result;
  result.error =
      complete(io, [&](auto done) { stream.async_connect(server_endpoint(port), done); });
  if (result.error) return result;
  Request request{method, target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.body() = std::move(body);
  request.prepare_payload();
  result.error = complete(io, [&](auto done) { http::async_write(stream, request, done); });
  if (result.error) return result;
  beast::flat_buffer buffer;
  result.error =
      complete(io, [&](auto done) { http::async_read(stream, buffer, result.response, done); });
  return result;
}

// True when `exposition` has the sample line "`name` `value`".
bool has_sample(const std::string& exposition, const std::string& name, const std::string& value) {
  return exposition.find("\n" + name + " " + value + "\n") != std::string::npos;
}

// A Server serving in-process on its own threads until the test ends.
class InProcessServer : public testing::Test {
 protected:
  void TearDown() override {
    if (!serving_.joinable()) return;
    server_->stop();
    serving_.join();
  }

  // Starts a Server with `options` (127.0.0.1, a port the kernel picks).
  void start(const Options& options) {
    server_.emplace(options);
    ASSERT_FALSE(server_->listen());
    port_ = server_->local_endpoint().port();
    serving_ = std::thread([this] { server_->run(); });
  }

  // A client that has completed the WebSocket handshake with the server.
  std::unique_ptr<WebSocketClient> connect() {
    auto client = std::make_unique<WebSocketClient>();
    const auto ec = client->open(port_);
    EXPECT_FALSE(ec) << "connecting to /ws: " << ec.message();
    return client;
  }

  std::optional<Server> server_;
  std::thread serving_;
  std::uint16_t port_ = 0;
};

// The same, with the default options.
class WebSocketEndpoint : public InProcessServer {
 protected:
  void SetUp() override { start(Options{}); }
};

TEST_F(WebSocketEndpoint, EchoIsAnsweredWithTheSameMessage) {
  const auto client = connect();
  client->send("echo 17 t=0.5");
  EXPECT_EQ(client->receive(), "echo 17 t=0.5");
}

TEST_F(WebSocketEndpoint, AnUnknownCommandGetsAnErrorAndTheConnectionStaysOpen) {
  const auto client = connect();
  client->send("hello");
  EXPECT_EQ(client->receive(), "err unknown command, expected sub, set or echo");
  client->send("echo still open");
  EXPECT_EQ(client->receive(), "echo still open");
}

TEST_F(WebSocketEndpoint, ASubscriberHearsHttpPutsAndDeletesOfItsKey) {
  const auto subscriber = connect();
  subscriber->send("sub k");
  ASSERT_EQ(subscriber->receive(), "ok sub k");

  EXPECT_EQ(http_request(port_, http::verb::put, "/kv/k", "v1").response.result(),
            http::status::created);
  EXPECT_EQ(subscriber->receive(), "chg k v1");
  EXPECT_EQ(http_request(port_, http::verb::delete_, "/kv/k").response.result(),
            http::status::no_content);
  EXPECT_EQ(subscriber->receive(), "del k");
}

TEST_F(WebSocketEndpoint, ASubscriberHearsASetFromAnotherSessionAndTheSetterOnlyItsReply) {
  const auto subscriber = connect();
  const auto setter = connect();
  subscriber->send("sub k");
  ASSERT_EQ(subscriber->receive(), "ok sub k");

  setter->send("set k two words");
  EXPECT_EQ(setter->receive(), "ok set k");
  EXPECT_EQ(subscriber->receive(), "chg k two words");
  // The setter is not subscribed: the next thing it hears is the answer to its next message.
  setter->send("echo done");
  EXPECT_EQ(setter->receive(), "echo done");
  EXPECT_EQ(http_request(port_, http::verb::get, "/kv/k").response.body(), "two words");
}

TEST_F(WebSocketEndpoint, ASubscribersOwnSetIsRepliedToBeforeItIsPushed) {
  const auto client = connect();
  client->send("sub k");
  ASSERT_EQ(client->receive(), "ok sub k");
  client->send("set k v");
  EXPECT_EQ(client->receive(), "ok set k");
  EXPECT_EQ(client->receive(), "chg k v");
}

TEST_F(WebSocketEndpoint, SubscribingTwiceStillPushesEachChangeOnce) {
  const auto client = connect();
  client->send("sub k");
  ASSERT_EQ(client->receive(), "ok sub k");
  client->send("sub k");
  ASSERT_EQ(client->receive(), "ok sub k");
  ASSERT_FALSE(http_request(port_, http::verb::put, "/kv/k", "v").error);
  EXPECT_EQ(client->receive(), "chg k v");
  client->send("echo after");
  EXPECT_EQ(client->receive(), "echo after");
}

TEST_F(WebSocketEndpoint, PingsAreAnswered) {
  const auto client = connect();
  client->ping();
  client->send("echo after ping");
  EXPECT_EQ(client->receive(), "echo after ping");
  EXPECT_EQ(client->pongs_received(), 1);
}

TEST_F(WebSocketEndpoint, SessionsAndMessagesShowOnMetricsAndTheSessionIsAConnection) {
  const auto client = connect();
  client->send("echo 1");
  ASSERT_EQ(client->receive(), "echo 1");  // by now the session is counted and so is the message

  const std::string exposition = http_request(port_, http::verb::get, "/metrics").response.body();
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_sessions", "1")) << exposition;
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_sessions_total", "1"));
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_messages_received_total", "1"));
  // The WebSocket and the connection asking for /metrics.
  EXPECT_TRUE(has_sample(exposition, "kvstore_connections_open", "2"));
}

TEST_F(InProcessServer, AWebSocketTakesAConnectionSlot) {
  start(Options{.max_connections = 1});
  const auto client = connect();
  EXPECT_TRUE(http_request(port_, http::verb::get, "/health").error)
      << "the only slot is the WebSocket's, so this connection is closed at accept";
  client->send("echo still served");
  EXPECT_EQ(client->receive(), "echo still served");
}

TEST_F(InProcessServer, UnderConnStormWebSocketsAreNotBounded) {
  start(Options{.defect = Defect::conn_storm, .max_connections = 1});
  const auto first = connect();
  const auto second = connect();
  second->send("echo second");
  EXPECT_EQ(second->receive(), "echo second");
}

TEST_F(WebSocketEndpoint, APlainGetOfTheWebSocketPathIsTold426) {
  const HttpResult result = http_request(port_, http::verb::get, "/ws");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.response.result(), http::status::upgrade_required);
  EXPECT_EQ(result.response[http::field::upgrade], "websocket");
}

TEST_F(WebSocketEndpoint, AnUpgradeToAnotherPathIsRefused) {
  WebSocketClient client;
  EXPECT_EQ(client.open(port_, "/kv/k"), websocket::error::upgrade_declined);
}

}  // namespace
}  // namespace kvstore
