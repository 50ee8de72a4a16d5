#include "harness/load/websocket_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using testing::count_of;
using testing::RawTcpServer;
using testing::run_until;
using testing::WebSocketEchoServer;

// A client that only connects; the tests add what they exercise.
WebSocketClientConfig config_for(const boost::asio::ip::tcp::endpoint& endpoint) {
  WebSocketClientConfig config;
  config.endpoint = endpoint;
  config.host = "127.0.0.1";
  config.connect_timeout = milliseconds(500);
  config.handshake_timeout = milliseconds(500);
  config.reconnect.backoff = Backoff::fixed;
  config.reconnect.delay = milliseconds(20);
  config.reconnect.jitter = Jitter::none;
  return config;
}

// A client that sends `message` at `per_s` once connected.
WebSocketClientConfig sending(const boost::asio::ip::tcp::endpoint& endpoint, std::string_view message, double per_s) {
  WebSocketClientConfig config = config_for(endpoint);
  config.message.emplace(message);
  config.messages_per_s = per_s;
  return config;
}

class WebSocketClientTest : public ::testing::Test {
 protected:
  std::shared_ptr<WebSocketClient> make_client(const WebSocketClientConfig& config, std::uint32_t index = 0) {
    return std::make_shared<WebSocketClient>(io, std::make_shared<const WebSocketClientConfig>(config), recorder, index,
                                             1234);
  }
  const StormCounts& counts() const { return recorder.measured().counts; }

  boost::asio::io_context io;
  StormRecorder recorder;

  void SetUp() override { recorder.start_measuring(); }
};

TEST_F(WebSocketClientTest, RepliesToItsMessagesAreMatchedAndTimed) {
  WebSocketEchoServer server(io);
  auto client = make_client(sending(server.endpoint(), "echo {seq} {t}", 500));
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return counts().replies_matched >= 5; }));
  EXPECT_EQ(counts().connect_attempts, 1u);
  EXPECT_EQ(counts().connects, 1u);
  EXPECT_EQ(counts().reconnects, 0u);
  EXPECT_EQ(recorder.measured().connect_latency_us.count(), 1u);
  EXPECT_EQ(counts().messages_received, counts().replies_matched);  // nothing unmatched
  EXPECT_GE(counts().messages_sent, counts().replies_matched);
  EXPECT_EQ(recorder.measured().round_trip_us.count(), counts().replies_matched);
  EXPECT_EQ(recorder.connected_now(), 1u);
}

TEST_F(WebSocketClientTest, AtMostABoundedNumberOfMessagesAwaitTheirEcho) {
  WebSocketEchoServer server(io);
  server.set_silent(true);
  auto client = make_client(sending(server.endpoint(), "echo {seq}", 5000));
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return counts().sends_skipped >= 3; }));
  EXPECT_EQ(counts().messages_sent, WebSocketClient::kMaxInFlight);
}

TEST_F(WebSocketClientTest, UntrackedMessagesAwaitNothing) {
  WebSocketEchoServer server(io);
  server.set_silent(true);
  WebSocketClientConfig config = sending(server.endpoint(), "set k1 {t}", 5000);
  config.track_replies = false;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return counts().messages_sent >= 2 * WebSocketClient::kMaxInFlight; }));
  EXPECT_EQ(counts().sends_skipped, 0u);
}

TEST_F(WebSocketClientTest, StopSendsACloseFrameAndCountsTheClose) {
  WebSocketEchoServer server(io);
  auto client = make_client(config_for(server.endpoint()));
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::open; }));
  client->stop();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::stopped; }));
  ASSERT_TRUE(run_until(io, [&] { return server.close_frames_received() == 1; }));
  EXPECT_EQ(counts().closed, 1u);
  EXPECT_EQ(counts().disconnect_total(), 0u);
  EXPECT_EQ(recorder.connected_now(), 0u);
  client->stop();  // idempotent
  EXPECT_EQ(counts().closed, 1u);
}

TEST_F(WebSocketClientTest, ReconnectsPerPolicyWhenTheServerDropsEveryone) {
  WebSocketEchoServer server(io);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.reconnect.delay = milliseconds(30);
  auto first = make_client(config, 0);
  auto second = make_client(config, 1);
  first->start();
  second->start();
  ASSERT_TRUE(run_until(io, [&] { return server.sessions_opened() == 2; }));
  ASSERT_TRUE(run_until(io, [&] { return counts().connects == 2; }));
  server.drop_all();
  ASSERT_TRUE(run_until(io, [&] { return counts().reconnects == 2; }));
  EXPECT_EQ(counts().disconnect_total(), 2u);
  EXPECT_EQ(counts().connect_attempts, 4u);
  EXPECT_EQ(counts().connects, 4u);
  EXPECT_EQ(recorder.connected_now(), 2u);
  ASSERT_EQ(recorder.outages().size(), 2u);
  for (const ClientOutage& outage : recorder.outages()) {
    ASSERT_TRUE(outage.reconnected_at);
    EXPECT_GE(*outage.reconnected_at - outage.disconnected_at, milliseconds(30));  // the policy's pause
  }
  EXPECT_NE(recorder.outages()[0].client, recorder.outages()[1].client);
}

TEST_F(WebSocketClientTest, AClientDestroyedDuringItsReconnectPauseNeverReconnects) {
  WebSocketEchoServer server(io);
  auto client = make_client(config_for(server.endpoint()));  // a 20 ms pause
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::open; }));
  server.drop_all();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::waiting; }));
  const std::weak_ptr<WebSocketClient> watched = client;
  client.reset();
  EXPECT_TRUE(watched.expired());  // nothing pending keeps it alive
  // The pause's timer still fires (or is cancelled) after the client is gone: under the
  // sanitizers a handler touching it would fail here.
  io.run_for(milliseconds(60));
  EXPECT_EQ(counts().connect_attempts, 1u);
  EXPECT_EQ(server.sessions_opened(), 1u);
}

TEST_F(WebSocketClientTest, GivesUpAfterMaxAttemptsAgainstARefusedPort) {
  WebSocketClientConfig config = config_for(testing::refused_endpoint(io));
  config.reconnect.backoff = Backoff::immediate;
  config.reconnect.max_attempts = 3;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::gave_up; }));
  EXPECT_EQ(counts().connect_attempts, 4u);  // the first connect and three retries
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::refused), 4u);
  EXPECT_EQ(counts().gave_up, 1u);
  EXPECT_TRUE(recorder.outages().empty());  // it never had a connection to lose
}

TEST_F(WebSocketClientTest, ADeclinedUpgradeIsAHandshakeFailure) {
  RawTcpServer server(io, {"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", false});
  WebSocketClientConfig config = config_for(server.endpoint());
  config.reconnect.max_attempts = 1;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::gave_up; }));
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::handshake), 2u);
  EXPECT_EQ(counts().connects, 0u);
}

TEST_F(WebSocketClientTest, AHandshakeWithoutAnswerTimesOut) {
  RawTcpServer server(io, {});
  WebSocketClientConfig config = config_for(server.endpoint());
  config.handshake_timeout = milliseconds(30);
  config.reconnect.max_attempts = 1;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == WebSocketClient::State::gave_up; }));
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::timeout), 2u);
}

TEST_F(WebSocketClientTest, APeerThatStopsAnsweringPingsIsLost) {
  WebSocketEchoServer server(io);
  server.set_silent(true);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.heartbeat_interval = milliseconds(10);
  config.pong_timeout = milliseconds(40);
  config.reconnect.max_attempts = 1;
  config.reconnect.delay = std::chrono::hours(1);
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return counts().disconnect_total() == 1; }));
  EXPECT_EQ(count_of(counts().disconnects, ConnectionError::timeout), 1u);
  EXPECT_EQ(client->state(), WebSocketClient::State::waiting);
  client->stop();
  // Stopped while reconnecting: the outage is recorded as never ended.
  ASSERT_EQ(recorder.outages().size(), 1u);
  EXPECT_FALSE(recorder.outages()[0].reconnected_at);
}

TEST_F(WebSocketClientTest, AnsweredPingsKeepTheConnection) {
  WebSocketEchoServer server(io);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.heartbeat_interval = milliseconds(5);
  config.pong_timeout = milliseconds(20);
  auto client = make_client(config);
  client->start();
  const auto until = std::chrono::steady_clock::now() + milliseconds(80);
  run_until(io, [&] { return std::chrono::steady_clock::now() >= until; });
  EXPECT_EQ(counts().disconnect_total(), 0u);
  EXPECT_EQ(client->state(), WebSocketClient::State::open);
}

TEST_F(WebSocketClientTest, SubscribesAndTimesPushesThatCarryTheirPublishTime) {
  WebSocketEchoServer server(io);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.subscribe_key = "k1";
  config.push_carries_time_ns = true;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return server.subscribers("k1") == 1; }));
  const auto now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  server.push("k1", "chg k1 " + std::to_string(now_ns));
  server.push("k1", "chg k1 " + std::to_string(now_ns));
  server.push("k1", "chg k1 no-time");
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 3; }));
  EXPECT_EQ(recorder.measured().push_latency_us.count(), 2u);
  EXPECT_EQ(counts().messages_received, 4u);  // the pushes and "ok sub k1"
  EXPECT_EQ(counts().messages_sent, 0u);      // the subscription is not a timed message
}

TEST_F(WebSocketClientTest, MessagesThatAreNeitherRepliesNorPushesAreCountedUnmatched) {
  WebSocketEchoServer server(io);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.subscribe_key = "k1";
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return server.subscribers("k1") == 1; }));
  server.push("k1", "del k1");
  ASSERT_TRUE(run_until(io, [&] { return counts().messages_received == 2; }));  // with "ok sub k1"
  EXPECT_EQ(counts().replies_matched, 0u);
  EXPECT_EQ(counts().pushes_received, 0u);
}

TEST_F(WebSocketClientTest, ConnectsFromItsSourceAddress) {
  WebSocketEchoServer server(io);
  WebSocketClientConfig config = config_for(server.endpoint());
  config.source_addresses = SourceAddresses::loopback(4, server.endpoint());
  auto client = make_client(config, 2);  // client 2 starts with the third address
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return counts().connects == 1; }));
  ASSERT_EQ(server.peers().size(), 1u);
  EXPECT_EQ(server.peers()[0].to_string(), "127.0.0.3");
  server.drop_all();
  ASSERT_TRUE(run_until(io, [&] { return counts().reconnects == 1; }));
  EXPECT_EQ(server.peers()[1].to_string(), "127.0.0.4");  // its next connection takes the next
}

}  // namespace
}  // namespace faultline::load
