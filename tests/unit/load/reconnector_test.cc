#include "harness/load/reconnector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using testing::run_until;

ReconnectPolicy fixed(milliseconds delay, std::uint32_t max_attempts = 0) {
  ReconnectPolicy policy;
  policy.backoff = Backoff::fixed;
  policy.delay = delay;
  policy.jitter = Jitter::none;
  policy.max_attempts = max_attempts;
  return policy;
}

// The two states a reconnecting client has besides its own.
enum class State { waiting, gave_up };

class ReconnectorTest : public ::testing::Test {
 protected:
  void SetUp() override { recorder.start_measuring(); }
  const StormCounts& counts() const { return recorder.measured().counts; }
  // Starts `reconnector` as a client owned by `owner` would.
  void start(Reconnector& reconnector) {
    reconnector.start(owner, [this] { ++connects; });
  }

  boost::asio::io_context io;
  StormRecorder recorder;
  std::shared_ptr<int> owner = std::make_shared<int>(0);
  int connects = 0;
};

TEST_F(ReconnectorTest, AConnectionMadeIsTimedFromItsAttempt) {
  Reconnector reconnector(io, fixed(milliseconds(0)), recorder, 3, 1);
  start(reconnector);
  reconnector.attempt_started();
  reconnector.connected();
  EXPECT_EQ(counts().connect_attempts, 1u);
  EXPECT_EQ(counts().connects, 1u);
  EXPECT_EQ(counts().reconnects, 0u);
  EXPECT_EQ(recorder.measured().connect_latency_us.count(), 1u);
  EXPECT_TRUE(recorder.outages().empty());
}

TEST_F(ReconnectorTest, ALossIsAnOutageUntilTheNextConnection) {
  Reconnector reconnector(io, fixed(milliseconds(20)), recorder, 3, 1);
  start(reconnector);
  reconnector.attempt_started();
  reconnector.connected();
  ASSERT_TRUE(reconnector.lost<State>(ConnectionError::eof) == State::waiting);
  EXPECT_EQ(connects, 0);  // not before the pause
  ASSERT_TRUE(run_until(io, [&] { return connects == 1; }));
  reconnector.attempt_started();
  reconnector.connected();
  EXPECT_EQ(counts().disconnects[static_cast<std::size_t>(ConnectionError::eof)], 1u);
  EXPECT_EQ(counts().reconnects, 1u);
  ASSERT_EQ(recorder.outages().size(), 1u);
  const ClientOutage& outage = recorder.outages()[0];
  EXPECT_EQ(outage.client, 3u);
  ASSERT_TRUE(outage.reconnected_at);
  EXPECT_GE(*outage.reconnected_at - outage.disconnected_at, milliseconds(20));
}

TEST_F(ReconnectorTest, FailuresCountTowardsGivingUp) {
  Reconnector reconnector(io, fixed(milliseconds(0), 2), recorder, 0, 1);
  start(reconnector);
  reconnector.attempt_started();
  reconnector.connected();
  ASSERT_TRUE(reconnector.lost<State>(ConnectionError::reset) == State::waiting);
  reconnector.attempt_started();
  ASSERT_EQ(reconnector.connect_failed<State>(ConnectionError::refused), State::waiting);
  reconnector.attempt_started();
  EXPECT_EQ(reconnector.connect_failed<State>(ConnectionError::refused),
            State::gave_up);  // a third attempt is not allowed
  EXPECT_EQ(counts().gave_up, 1u);
  EXPECT_EQ(counts().connect_failure_total(), 2u);
  ASSERT_EQ(recorder.outages().size(), 1u);
  EXPECT_FALSE(recorder.outages()[0].reconnected_at);  // never came back
}

TEST_F(ReconnectorTest, StopCancelsThePauseAndEndsTheOutage) {
  Reconnector reconnector(io, fixed(milliseconds(5)), recorder, 0, 1);
  start(reconnector);
  reconnector.attempt_started();
  reconnector.connected();
  ASSERT_TRUE(reconnector.lost<State>(ConnectionError::timeout) == State::waiting);
  reconnector.stop();
  io.run();
  EXPECT_EQ(connects, 0);
  ASSERT_EQ(recorder.outages().size(), 1u);
  EXPECT_FALSE(recorder.outages()[0].reconnected_at);
}

TEST_F(ReconnectorTest, APauseDoesNotOutliveItsClient) {
  Reconnector reconnector(io, fixed(milliseconds(0)), recorder, 0, 1);
  start(reconnector);
  reconnector.attempt_started();
  reconnector.connected();
  ASSERT_EQ(reconnector.lost<State>(ConnectionError::eof), State::waiting);
  owner.reset();  // the client is gone before its pause ends
  io.run();
  EXPECT_EQ(connects, 0);
}

}  // namespace
}  // namespace faultline::load
