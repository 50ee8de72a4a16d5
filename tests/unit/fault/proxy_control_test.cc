#include <cerrno>

#include <gtest/gtest.h>

#include "harness/fault/proxy.h"
#include "harness/scenario/toxic_parser.h"
#include "tests/unit/fault/loopback.h"

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;
using namespace faultline::fault::testing;

struct EchoBehindProxy {
  static ProxyConfig config(std::uint16_t port) {
    ProxyConfig config;
    config.upstream = {boost::asio::ip::address_v4::loopback(), port};
    return config;
  }
  TestServer server{echo};
  Proxy proxy{config(server.port())};
};

bool refused(std::uint16_t port) {
  int error = 0;
  const Socket client = connect_to(port, &error);
  return !client.is_open() && error == ECONNREFUSED;
}

TEST(ProxyControl, DownRefusesNewConnectionsAndCutsExistingOnes) {
  EchoBehindProxy setup;
  Socket existing = connect_to(setup.proxy.port());
  ASSERT_LT(round_trip(existing.fd(), "ping"), 1s);

  setup.proxy.down();
  EXPECT_TRUE(setup.proxy.is_down());
  const Received cut = receive_until_closed(existing.fd());
  EXPECT_TRUE(cut.eof || cut.error == ECONNRESET);
  EXPECT_TRUE(refused(setup.proxy.port()));
  EXPECT_EQ(setup.proxy.counters().connections_cut, 1u);

  EXPECT_FALSE(setup.proxy.up());
  EXPECT_FALSE(setup.proxy.is_down());
  Socket again = connect_to(setup.proxy.port());
  ASSERT_TRUE(again.is_open());
  EXPECT_LT(round_trip(again.fd(), "back"), 1s);
}

TEST(ProxyControl, DownToxicHoldsTheProxyDownUntilRemoved) {
  EchoBehindProxy setup;
  const ToxicId down = setup.proxy.add_toxic(*scenario::parse_toxic("down"));
  EXPECT_TRUE(refused(setup.proxy.port()));
  setup.proxy.up();  // down() was not called: the toxic still holds it down
  EXPECT_TRUE(setup.proxy.is_down());
  EXPECT_FALSE(setup.proxy.remove_toxic(down));
  Socket client = connect_to(setup.proxy.port());
  ASSERT_TRUE(client.is_open());
  EXPECT_LT(round_trip(client.fd(), "ping"), 1s);
}

TEST(ProxyControl, ListsToxicsInTheOrderAdded) {
  EchoBehindProxy setup;
  const ToxicSpec latency = *scenario::parse_toxic("latency:latency=1ms");
  const ToxicSpec limit = *scenario::parse_toxic("limit_data:bytes=10,direction=upstream");
  const ToxicId first = setup.proxy.add_toxic(latency);
  const ToxicId second = setup.proxy.add_toxic(limit);
  EXPECT_NE(first, second);
  EXPECT_EQ(setup.proxy.toxics(), (std::vector<ActiveToxic>{{first, latency}, {second, limit}}));
  setup.proxy.remove_toxic(first);
  EXPECT_EQ(setup.proxy.toxics(), (std::vector<ActiveToxic>{{second, limit}}));
}

TEST(ProxyControl, RejectsAnInvalidSpecAndAnUnknownId) {
  EchoBehindProxy setup;
  EXPECT_THROW(setup.proxy.add_toxic(ToxicSpec{BandwidthToxic{0}}), std::invalid_argument);
  EXPECT_EQ(setup.proxy.remove_toxic(ToxicId{999}), boost::asio::error::not_found);
}

TEST(ProxyControl, ReportsCountersAsIntervalDeltas) {
  EchoBehindProxy setup;
  const ProxyCounters start = setup.proxy.counters();
  {
    Socket client = connect_to(setup.proxy.port());
    round_trip(client.fd(), "0123456789");
  }
  EXPECT_TRUE(eventually([&] { return setup.proxy.counters().connections_closed == 1; }));
  const ProxyCounters interval = setup.proxy.counters().since(start);
  EXPECT_EQ(interval.connections_accepted, 1u);
  EXPECT_EQ(interval.upstream_bytes, 10u);
  EXPECT_EQ(interval.downstream_bytes, 10u);
  EXPECT_EQ(interval.connections_active, 0u);
}

TEST(ProxyControl, StopIsIdempotentAndFreezesTheCounters) {
  EchoBehindProxy setup;
  {
    Socket client = connect_to(setup.proxy.port());
    round_trip(client.fd(), "x");
  }
  setup.proxy.stop();
  const ProxyCounters after = setup.proxy.counters();
  setup.proxy.stop();
  EXPECT_EQ(setup.proxy.counters(), after);
  EXPECT_EQ(after.connections_accepted, 1u);
  EXPECT_TRUE(refused(setup.proxy.port()));
}

}  // namespace
}  // namespace faultline::fault
