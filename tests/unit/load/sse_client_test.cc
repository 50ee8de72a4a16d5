#include "harness/load/sse_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "harness/load/publish_time.h"
#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using testing::count_of;
using testing::RawTcpServer;
using testing::run_until;
using testing::SseServer;

SseClientConfig config_for(const boost::asio::ip::tcp::endpoint& endpoint) {
  SseClientConfig config;
  config.endpoint = endpoint;
  config.host = "127.0.0.1";
  config.connect_timeout = milliseconds(500);
  config.handshake_timeout = milliseconds(500);
  config.idle_timeout = milliseconds(2000);
  config.reconnect.backoff = Backoff::fixed;
  config.reconnect.delay = milliseconds(20);
  config.reconnect.jitter = Jitter::none;
  return config;
}

// An event as godash frames it, published `ago` before now.
std::string godash_event(std::uint64_t id, std::chrono::nanoseconds ago = {}) {
  const std::int64_t published = unix_time_ns() - ago.count();
  return "id: " + std::to_string(id) + "\ndata: {\"id\":" + std::to_string(id) +
         ",\"kind\":\"event\",\"published_unix_nano\":" + std::to_string(published) + ",\"payload\":{}}\n\n";
}

class SseClientTest : public ::testing::Test {
 protected:
  void SetUp() override { recorder.start_measuring(); }

  std::shared_ptr<SseClient> make_client(const SseClientConfig& config, std::uint32_t index = 0) {
    return std::make_shared<SseClient>(io, std::make_shared<const SseClientConfig>(config), recorder, index, 1234);
  }
  // Starts a client and runs until its stream is open.
  std::shared_ptr<SseClient> open_client(const SseClientConfig& config) {
    auto client = make_client(config);
    client->start();
    EXPECT_TRUE(run_until(io, [&] { return client->state() == SseClient::State::open; }));
    return client;
  }
  const StormCounts& counts() const { return recorder.measured().counts; }
  // Runs the loop for `span` of real time.
  void run_for(milliseconds span) {
    const auto until = std::chrono::steady_clock::now() + span;
    run_until(io, [&] { return std::chrono::steady_clock::now() >= until; });
  }

  boost::asio::io_context io;
  StormRecorder recorder;
};

TEST_F(SseClientTest, SubscribesAndCountsEventsTimingThoseThatCarryTheirPublishTime) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.path = "/events?topic=all";
  auto client = open_client(config);
  EXPECT_EQ(server.last_target(), "/events?topic=all");
  EXPECT_EQ(server.last_accept(), "text/event-stream");
  server.send(godash_event(1, std::chrono::milliseconds(3)));
  server.send(godash_event(2));
  server.send("id: 3\ndata: {\"kind\":\"event\"}\n\n");  // no publish time
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 3; }));
  EXPECT_EQ(counts().connects, 1u);
  EXPECT_EQ(recorder.measured().connect_latency_us.count(), 1u);
  EXPECT_EQ(counts().messages_received, 3u);  // ": subscribed" is a comment, not an event
  EXPECT_EQ(counts().event_id_gaps, 0u);
  EXPECT_EQ(recorder.measured().push_latency_us.count(), 2u);
  EXPECT_GE(recorder.measured().push_latency_us.max(), 3000u);
  EXPECT_EQ(recorder.connected_now(), 1u);
}

TEST_F(SseClientTest, AnEventSplitIntoSingleByteChunksArrivesWhole) {
  SseServer server(io);
  auto client = open_client(config_for(server.endpoint()));
  const std::string event = godash_event(1);
  for (const char byte : event) server.send(std::string_view(&byte, 1));
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 1; }));
  EXPECT_EQ(recorder.measured().push_latency_us.count(), 1u);
  EXPECT_EQ(counts().disconnect_total(), 0u);
}

TEST_F(SseClientTest, IdsThatSkipAheadOrRepeatAreGaps) {
  SseServer server(io);
  auto client = open_client(config_for(server.endpoint()));
  for (const std::uint64_t id : {1, 2, 5, 6, 6, 7}) server.send(godash_event(id));
  server.send("data: no id of its own\n\n");  // inherits 7: not checked
  server.send("id: not-a-number\ndata: x\n\n");
  server.send(godash_event(8));
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 9; }));
  EXPECT_EQ(counts().event_id_gaps, 2u);      // 2 -> 5 and 6 -> 6
  EXPECT_EQ(counts().event_ids_skipped, 2u);  // 3 and 4
}

TEST_F(SseClientTest, UncheckedIdsAreNotGaps) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.sequential_ids = false;
  config.publish_time_member.clear();
  auto client = open_client(config);
  server.send(godash_event(1));
  server.send(godash_event(5));
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 2; }));
  EXPECT_EQ(counts().event_id_gaps, 0u);
  EXPECT_EQ(recorder.measured().push_latency_us.count(), 0u);
}

TEST_F(SseClientTest, ReconnectsWhenTheServerEndsTheStreamAndChecksIdsPerStream) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.reconnect.delay = milliseconds(30);
  auto client = open_client(config);
  server.send(godash_event(1));
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 1; }));
  server.end_streams();
  ASSERT_TRUE(run_until(io, [&] { return counts().reconnects == 1; }));
  ASSERT_TRUE(run_until(io, [&] { return server.streams_opened() == 2; }));
  server.send(godash_event(9));  // published while the client was away: no replay, no gap
  ASSERT_TRUE(run_until(io, [&] { return counts().pushes_received == 2; }));
  EXPECT_EQ(count_of(counts().disconnects, ConnectionError::eof), 1u);
  EXPECT_EQ(counts().event_id_gaps, 0u);
  EXPECT_EQ(counts().connect_attempts, 2u);
  ASSERT_EQ(recorder.outages().size(), 1u);
  ASSERT_TRUE(recorder.outages()[0].reconnected_at);
  EXPECT_GE(*recorder.outages()[0].reconnected_at - recorder.outages()[0].disconnected_at, milliseconds(30));
}

TEST_F(SseClientTest, AClientDestroyedDuringItsReconnectPauseNeverReconnects) {
  SseServer server(io);
  auto client = open_client(config_for(server.endpoint()));  // a 20 ms pause
  server.end_streams();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == SseClient::State::waiting; }));
  const std::weak_ptr<SseClient> watched = client;
  client.reset();
  EXPECT_TRUE(watched.expired());  // nothing pending keeps it alive
  run_for(milliseconds(60));       // past the pause: under the sanitizers a handler touching it fails
  EXPECT_EQ(counts().connect_attempts, 1u);
  EXPECT_EQ(server.streams_opened(), 1u);
}

TEST_F(SseClientTest, AStreamSilentForTheIdleTimeoutIsLost) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.idle_timeout = milliseconds(40);
  config.reconnect.delay = std::chrono::hours(1);
  auto client = open_client(config);
  ASSERT_TRUE(run_until(io, [&] { return counts().disconnect_total() == 1; }));
  EXPECT_EQ(count_of(counts().disconnects, ConnectionError::timeout), 1u);
  EXPECT_EQ(client->state(), SseClient::State::waiting);
  client->stop();
  ASSERT_EQ(recorder.outages().size(), 1u);
  EXPECT_FALSE(recorder.outages()[0].reconnected_at);  // stopped while waiting to reconnect
}

TEST_F(SseClientTest, HeartbeatsKeepAnIdleStreamAlive) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.idle_timeout = milliseconds(60);
  auto client = open_client(config);
  for (int beat = 0; beat < 12; ++beat) {  // 120 ms in all, twice the idle timeout
    server.send(": heartbeat\n\n");
    run_for(milliseconds(10));
  }
  EXPECT_EQ(counts().disconnect_total(), 0u);
  EXPECT_EQ(counts().pushes_received, 0u);
  EXPECT_EQ(client->state(), SseClient::State::open);
}

TEST_F(SseClientTest, AnAnswerOtherThan200EventStreamIsAHandshakeFailure) {
  for (const SseServer::Behaviour& answer : {SseServer::Behaviour{503, "text/event-stream"},
                                             SseServer::Behaviour{200, "text/plain"}}) {
    SseServer server(io, answer);
    SseClientConfig config = config_for(server.endpoint());
    config.reconnect.max_attempts = 1;
    auto client = make_client(config);
    client->start();
    ASSERT_TRUE(run_until(io, [&] { return client->state() == SseClient::State::gave_up; }));
  }
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::handshake), 4u);  // two attempts each
  EXPECT_EQ(counts().connects, 0u);
  EXPECT_EQ(counts().gave_up, 2u);
}

TEST_F(SseClientTest, TheEventStreamTypeMayCarryParameters) {
  SseServer server(io, {200, "Text/Event-Stream; charset=utf-8"});
  auto client = open_client(config_for(server.endpoint()));
  EXPECT_EQ(counts().connects, 1u);
}

TEST_F(SseClientTest, ARequestWithoutAnswerTimesOut) {
  RawTcpServer server(io, {});
  SseClientConfig config = config_for(server.endpoint());
  config.handshake_timeout = milliseconds(30);
  config.reconnect.max_attempts = 1;
  auto client = make_client(config);
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == SseClient::State::gave_up; }));
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::timeout), 2u);
}

TEST_F(SseClientTest, ALineOverTheLimitFailsTheConnection) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.max_line_bytes = 64;
  config.reconnect.delay = std::chrono::hours(1);
  auto client = open_client(config);
  server.send("data: " + std::string(100, 'x'));  // not even ended
  ASSERT_TRUE(run_until(io, [&] { return counts().disconnect_total() == 1; }));
  EXPECT_EQ(count_of(counts().disconnects, ConnectionError::protocol), 1u);
  EXPECT_EQ(counts().pushes_received, 0u);
}

TEST_F(SseClientTest, StopClosesTheStreamAndCountsTheClose) {
  SseServer server(io);
  auto client = open_client(config_for(server.endpoint()));
  client->stop();
  EXPECT_EQ(client->state(), SseClient::State::stopped);
  EXPECT_EQ(counts().closed, 1u);
  EXPECT_EQ(counts().disconnect_total(), 0u);
  EXPECT_EQ(recorder.connected_now(), 0u);
  client->stop();  // idempotent
  EXPECT_EQ(counts().closed, 1u);
}

TEST_F(SseClientTest, ConnectsFromItsSourceAddress) {
  SseServer server(io);
  SseClientConfig config = config_for(server.endpoint());
  config.source_addresses = SourceAddresses::loopback(3, server.endpoint());
  auto client = make_client(config, 1);  // client 1 starts with the second address
  client->start();
  ASSERT_TRUE(run_until(io, [&] { return client->state() == SseClient::State::open; }));
  ASSERT_EQ(server.peers().size(), 1u);
  EXPECT_EQ(server.peers()[0].to_string(), "127.0.0.2");
  server.end_streams();
  ASSERT_TRUE(run_until(io, [&] { return server.streams_opened() == 2; }));
  EXPECT_EQ(server.peers()[1].to_string(), "127.0.0.3");  // its next connection takes the next
}

}  // namespace
}  // namespace faultline::load
