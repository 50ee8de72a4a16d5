#include "harness/load/reconnect_times.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using Clock = ClientOutage::Clock;

const Clock::time_point kT0 = Clock::time_point(std::chrono::hours(1));

ClientOutage outage(std::uint32_t client, int lost_ms, std::optional<int> back_ms) {
  ClientOutage o;
  o.client = client;
  o.disconnected_at = kT0 + milliseconds(lost_ms);
  if (back_ms) o.reconnected_at = kT0 + milliseconds(*back_ms);
  return o;
}

// 100 clients all lost at t = 0, client i back after (i + 1) * 10 ms.
std::vector<ClientOutage> hundred_clients() {
  std::vector<ClientOutage> outages;
  for (std::uint32_t i = 0; i < 100; ++i) outages.push_back(outage(i, 0, static_cast<int>(i + 1) * 10));
  return outages;
}

TEST(ReconnectTimes, PercentilesByNearestRank) {
  const ReconnectTimes times = summarize_reconnects(hundred_clients(), kT0, 0.9);
  EXPECT_EQ(times.clients, 100u);
  EXPECT_EQ(times.reconnected, 100u);
  EXPECT_EQ(times.p50, milliseconds(500));
  EXPECT_EQ(times.p99, milliseconds(990));
  EXPECT_EQ(times.max, milliseconds(1000));
  EXPECT_EQ(times.until_fraction_connected, milliseconds(900));
}

TEST(ReconnectTimes, ReconnectTimeRunsFromEachClientsOwnLoss) {
  // Lost at different instants; reconnect times 50, 20 and 30 ms.
  const std::vector<ClientOutage> outages{outage(0, 0, 50), outage(1, 100, 120), outage(2, 200, 230)};
  const ReconnectTimes times = summarize_reconnects(outages, kT0, 1.0);
  EXPECT_EQ(times.p50, milliseconds(30));
  EXPECT_EQ(times.max, milliseconds(50));
  // All three were back 230 ms after kT0.
  EXPECT_EQ(times.until_fraction_connected, milliseconds(230));
}

TEST(ReconnectTimes, ClientsThatNeverCameBackRankAboveEveryTime) {
  std::vector<ClientOutage> outages = hundred_clients();
  outages[98].reconnected_at.reset();
  outages[99].reconnected_at.reset();
  const ReconnectTimes times = summarize_reconnects(outages, kT0, 0.98);
  EXPECT_EQ(times.reconnected, 98u);
  EXPECT_EQ(times.p50, milliseconds(500));
  EXPECT_EQ(times.p99, std::nullopt);  // rank 99 is a client that never reconnected
  EXPECT_EQ(times.max, std::nullopt);
  EXPECT_EQ(times.until_fraction_connected, milliseconds(980));
  EXPECT_EQ(summarize_reconnects(outages, kT0, 0.99).until_fraction_connected, std::nullopt);
}

TEST(ReconnectTimes, ClientsBackBeforeTheReferenceInstantCountAsZero) {
  const std::vector<ClientOutage> outages{outage(0, 0, 10), outage(1, 0, 20), outage(2, 0, 300)};
  const ReconnectTimes times = summarize_reconnects(outages, kT0 + milliseconds(100), 0.5);
  EXPECT_EQ(times.until_fraction_connected, milliseconds(0));
  EXPECT_EQ(summarize_reconnects(outages, kT0 + milliseconds(100), 1.0).until_fraction_connected, milliseconds(200));
}

TEST(ReconnectTimes, FractionRoundsUpToWholeClients) {
  // 3 clients: half of them means 2.
  const std::vector<ClientOutage> outages{outage(0, 0, 10), outage(1, 0, 20), outage(2, 0, 30)};
  EXPECT_EQ(summarize_reconnects(outages, kT0, 0.5).until_fraction_connected, milliseconds(20));
  EXPECT_EQ(summarize_reconnects(outages, kT0, 0.01).until_fraction_connected, milliseconds(10));
}

TEST(ReconnectTimes, NothingIsKnownOfNoOutages) {
  const ReconnectTimes times = summarize_reconnects({}, kT0, 0.5);
  EXPECT_EQ(times.clients, 0u);
  EXPECT_EQ(times.p50, std::nullopt);
  EXPECT_EQ(times.max, std::nullopt);
  EXPECT_EQ(times.until_fraction_connected, std::nullopt);
}

TEST(ReconnectTimes, RejectsAFractionOutsideZeroToOne) {
  const auto outages = hundred_clients();
  EXPECT_THROW(summarize_reconnects(outages, kT0, 0.0), std::invalid_argument);
  EXPECT_THROW(summarize_reconnects(outages, kT0, 1.5), std::invalid_argument);
  EXPECT_THROW(summarize_reconnects(outages, kT0, std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace faultline::load
