#include "harness/load/client_load.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <vector>

#include "harness/scenario/seeded_random.h"
#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using testing::run_until;

// Logs what a ClientLoad does to its clients.
struct FakeLog {
  std::vector<std::uint32_t> started;  // client indexes, in the order started
  std::vector<std::uint32_t> stopped;
  std::set<std::uint64_t> seeds;
};

struct FakeClient {
  struct Config {
    FakeLog* log = nullptr;
  };

  FakeClient(boost::asio::io_context&, std::shared_ptr<const Config> config, StormRecorder&, std::uint32_t index,
             std::uint64_t seed)
      : log(*config->log), index(index) {
    log.seeds.insert(seed);
  }
  void start() { log.started.push_back(index); }
  void stop() { log.stopped.push_back(index); }

  FakeLog& log;
  std::uint32_t index;
};

class ClientLoadTest : public ::testing::Test {
 protected:
  ClientLoadPlan<FakeClient::Config> plan(std::uint32_t clients, double per_s) {
    ClientLoadPlan<FakeClient::Config> plan;
    plan.client = std::make_shared<const FakeClient::Config>(FakeClient::Config{&log});
    plan.clients = clients;
    plan.first_client = 10;
    plan.ramp_clients_per_s = per_s;
    return plan;
  }

  boost::asio::io_context io;
  StormRecorder recorder;
  FakeLog log;
};

TEST_F(ClientLoadTest, WithoutARampEveryClientStartsAtOnce) {
  ClientLoad<FakeClient> load(io, recorder, plan(4, 0));
  EXPECT_TRUE(log.started.empty());  // nothing before the window opens
  load.begin();
  EXPECT_EQ(log.started, (std::vector<std::uint32_t>{10, 11, 12, 13}));
  EXPECT_EQ(load.started(), 4u);
}

TEST_F(ClientLoadTest, ARampStartsClientsInOrderAtItsRate) {
  ClientLoad<FakeClient> load(io, recorder, plan(5, 500));
  const auto began = std::chrono::steady_clock::now();
  load.begin();
  EXPECT_EQ(log.started, (std::vector<std::uint32_t>{10}));  // the first at once
  ASSERT_TRUE(run_until(io, [&] { return load.started() == 5; }));
  EXPECT_GE(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(8));  // the fifth at 4 / 500 s
  EXPECT_EQ(log.started, (std::vector<std::uint32_t>{10, 11, 12, 13, 14}));
}

TEST_F(ClientLoadTest, EndStopsEveryClientAndTheRamp) {
  ClientLoad<FakeClient> load(io, recorder, plan(3, 1.0 / 3600));  // one client an hour
  load.begin();
  load.end();
  EXPECT_EQ(log.started, (std::vector<std::uint32_t>{10}));
  EXPECT_EQ(log.stopped, (std::vector<std::uint32_t>{10, 11, 12}));
  io.run();  // the ramp's timer was cancelled: nothing is left to run
  EXPECT_EQ(load.started(), 1u);
}

TEST_F(ClientLoadTest, AnEndBeforeTheBeginningStartsNothing) {
  ClientLoad<FakeClient> load(io, recorder, plan(2, 0));
  load.end();
  load.begin();
  EXPECT_TRUE(log.started.empty());
}

TEST_F(ClientLoadTest, EveryClientHasItsOwnSeed) {
  ClientLoad<FakeClient> load(io, recorder, plan(50, 0));
  EXPECT_EQ(log.seeds.size(), 50u);
  EXPECT_EQ(log.seeds.count(scenario::derive_seed(1, 10)), 1u);  // the plan's seed with the client's index
}

}  // namespace
}  // namespace faultline::load
