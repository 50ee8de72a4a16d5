#include "harness/load/tcp_churn.h"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using testing::count_of;
using testing::RawTcpServer;
using testing::run_until;

TcpChurnPlan plan_for(const boost::asio::ip::tcp::endpoint& endpoint, std::uint32_t connections) {
  TcpChurnPlan plan;
  plan.endpoint = endpoint;
  plan.connections = connections;
  plan.connect_timeout = milliseconds(500);
  plan.expect_timeout = milliseconds(500);
  return plan;
}

class TcpChurnTest : public ::testing::Test {
 protected:
  void SetUp() override { recorder.start_measuring(); }
  const StormCounts& counts() const { return recorder.measured().counts; }
  // Ends the load and lets the closes reach the server.
  void end_and_drain(TcpChurn& churn) {
    churn.end();
    const auto until = std::chrono::steady_clock::now() + milliseconds(20);
    run_until(io, [&] { return std::chrono::steady_clock::now() >= until; });
  }

  boost::asio::io_context io;
  StormRecorder recorder;
};

TEST_F(TcpChurnTest, EverySlotReconnectsAsSoonAsItsConnectionIsClosed) {
  RawTcpServer server(io, {});
  TcpChurn churn(io, recorder, plan_for(server.endpoint(), 4));
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().connects >= 50; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().connect_failure_total(), 0u);
  EXPECT_EQ(counts().disconnect_total(), 0u);
  EXPECT_EQ(counts().closed, counts().connects);
  EXPECT_GE(counts().connect_attempts, counts().connects);
  EXPECT_LE(counts().connect_attempts, counts().connects + 4);  // at most one abandoned per slot
  EXPECT_EQ(recorder.measured().connect_latency_us.count(), counts().connects);
  EXPECT_LE(recorder.measured().connected.peak, 4u);
  EXPECT_EQ(recorder.connected_now(), 0u);
  // The kernel completes a connect before the server accepts it: the server may lag behind.
  EXPECT_TRUE(run_until(io, [&] { return server.accepted() >= 50; }));
}

TEST_F(TcpChurnTest, GracefulCloseSendsFin) {
  RawTcpServer server(io, {});
  TcpChurn churn(io, recorder, plan_for(server.endpoint(), 1));
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return server.ended_by_fin() >= 3; }));
  end_and_drain(churn);
  EXPECT_EQ(server.ended_by_rst(), 0u);
}

TEST_F(TcpChurnTest, ResetOnCloseSendsRst) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 1);
  plan.reset_on_close = true;
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return server.ended_by_rst() >= 3; }));
  end_and_drain(churn);
  EXPECT_EQ(server.ended_by_fin(), 0u);
}

TEST_F(TcpChurnTest, ARefusedPortIsCountedAsRefused) {
  TcpChurn churn(io, recorder, plan_for(testing::refused_endpoint(io), 2));
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().connect_failure_total() >= 10; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().connects, 0u);
  EXPECT_EQ(count_of(counts().connect_failures, ConnectionError::refused), counts().connect_failure_total());
  EXPECT_LE(counts().connect_attempts, counts().connect_failure_total() + 2);
}

TEST_F(TcpChurnTest, HoldsConnectionsOpenForTheHoldThenCloses) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 3);
  plan.hold = milliseconds(30);
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().connects == 3; }));
  EXPECT_EQ(recorder.connected_now(), 3u);
  EXPECT_EQ(counts().closed, 0u);
  ASSERT_TRUE(run_until(io, [&] { return counts().closed >= 3; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().closed, counts().connects);
}

TEST_F(TcpChurnTest, WritesThePayloadAndTimesTheExpectedBytes) {
  RawTcpServer server(io, {"hello", false});
  TcpChurnPlan plan = plan_for(server.endpoint(), 2);
  plan.payload = "hi";
  plan.expect_bytes = 5;
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().replies_matched >= 5; }));
  end_and_drain(churn);
  EXPECT_EQ(recorder.measured().round_trip_us.count(), counts().replies_matched);
  EXPECT_GE(counts().messages_sent, counts().replies_matched);
  EXPECT_EQ(counts().disconnect_total(), 0u);
}

TEST_F(TcpChurnTest, ExpectedBytesThatNeverComeTimeOut) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 1);
  plan.expect_bytes = 5;
  plan.expect_timeout = milliseconds(20);
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return count_of(counts().disconnects, ConnectionError::timeout) >= 1; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().replies_matched, 0u);
}

TEST_F(TcpChurnTest, TheTargetEndingAHeldConnectionIsADisconnect) {
  RawTcpServer server(io, {"", true});
  TcpChurnPlan plan = plan_for(server.endpoint(), 1);
  plan.hold = std::chrono::seconds(10);
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return count_of(counts().disconnects, ConnectionError::eof) >= 2; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().closed + counts().disconnect_total(), counts().connects);
}

TEST_F(TcpChurnTest, AtARateConnectionsDueWhileEverySlotIsBusyAreSkipped) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 1);
  plan.rate_per_s = 1000;
  plan.hold = std::chrono::seconds(10);
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().connects_skipped >= 5; }));
  EXPECT_EQ(counts().connect_attempts, 1u);
  end_and_drain(churn);
  EXPECT_EQ(counts().closed, 1u);
}

TEST_F(TcpChurnTest, ConnectionsTakeTheSourceAddressesInTurn) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 1);
  plan.source_addresses = SourceAddresses::loopback(2, server.endpoint());
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return server.accepted() >= 4; }));
  end_and_drain(churn);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(server.peers()[i].to_string(), i % 2 == 0 ? "127.0.0.1" : "127.0.0.2") << "connection " << i;
  }
  EXPECT_EQ(counts().connect_failure_total(), 0u);
}

TEST_F(TcpChurnTest, AtARateFreedSlotsAreReused) {
  RawTcpServer server(io, {});
  TcpChurnPlan plan = plan_for(server.endpoint(), 2);
  plan.rate_per_s = 500;
  TcpChurn churn(io, recorder, plan);
  churn.begin();
  ASSERT_TRUE(run_until(io, [&] { return counts().connects >= 10; }));
  end_and_drain(churn);
  EXPECT_EQ(counts().closed, counts().connects);
}

}  // namespace
}  // namespace faultline::load
