#include <sys/socket.h>

#include <cerrno>
#include <thread>

#include <gtest/gtest.h>

#include "harness/fault/proxy.h"
#include "harness/fault/toxic_applies.h"
#include "harness/scenario/toxic_parser.h"
#include "tests/unit/fault/loopback.h"

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;
using namespace faultline::fault::testing;

ToxicSpec toxic(std::string_view text) {
  const auto spec = scenario::parse_toxic(text);
  EXPECT_TRUE(spec.has_value()) << spec.error();
  return *spec;
}

// An echo server behind a proxy.
struct EchoBehindProxy {
  explicit EchoBehindProxy(std::uint64_t seed = 1) : proxy(config(server.port(), seed)) {}

  static ProxyConfig config(std::uint16_t port, std::uint64_t seed) {
    ProxyConfig config;
    config.upstream = {boost::asio::ip::address_v4::loopback(), port};
    config.seed = seed;
    return config;
  }

  TestServer server{echo};
  Proxy proxy;
};

TEST(ProxyToxics, LatencyShiftsTheRoundTripByAboutItsDelay) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("latency:latency=100ms"));
  Socket client = connect_to(setup.proxy.port());
  const auto rtt = round_trip(client.fd(), "ping");
  EXPECT_GE(rtt, 90ms);
  EXPECT_LE(rtt, 400ms);
}

TEST(ProxyToxics, LatencyAddedAndRemovedActsOnTheSameLiveConnection) {
  EchoBehindProxy setup;
  Socket client = connect_to(setup.proxy.port());
  EXPECT_LT(round_trip(client.fd(), "before"), 90ms);
  const ToxicId latency = setup.proxy.add_toxic(toxic("latency:latency=150ms,direction=upstream"));
  EXPECT_GE(round_trip(client.fd(), "during"), 140ms);
  EXPECT_FALSE(setup.proxy.remove_toxic(latency));
  EXPECT_LT(round_trip(client.fd(), "after"), 90ms);
  EXPECT_EQ(setup.proxy.counters().connections_closed, 0u);
}

TEST(ProxyToxics, RemovingLatencyReleasesDataAlreadyWaiting) {
  EchoBehindProxy setup;
  const ToxicId latency = setup.proxy.add_toxic(toxic("latency:latency=10s"));
  Socket client = connect_to(setup.proxy.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(send_all(client.fd(), "ping"));
  // The echoed reply is in the proxy, waiting for its 10 s.
  ASSERT_TRUE(eventually([&] { return setup.proxy.counters().buffered_bytes == 4; }));
  setup.proxy.remove_toxic(latency);
  EXPECT_EQ(receive_exactly(client.fd(), 4), "ping");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(ProxyToxics, ResetPeerGivesTheClientConnectionReset) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("reset_peer"));
  Socket client = connect_to(setup.proxy.port());
  ASSERT_TRUE(send_all(client.fd(), "ping"));
  const Received received = receive_until_closed(client.fd());
  EXPECT_EQ(received.data, "");
  EXPECT_EQ(received.error, ECONNRESET);
  EXPECT_TRUE(eventually([&] { return setup.proxy.counters().resets_injected == 1; }));
}

TEST(ProxyToxics, ResetPeerWaitsItsTimeoutAfterTheFirstData) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("reset_peer:timeout=100ms,direction=upstream"));
  Socket client = connect_to(setup.proxy.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(send_all(client.fd(), "ping"));
  const Received received = receive_until_closed(client.fd());
  EXPECT_EQ(received.error, ECONNRESET);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 90ms);
}

TEST(ProxyToxics, LimitDataClosesAfterExactlyItsBytes) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("limit_data:bytes=1000"));
  Socket client = connect_to(setup.proxy.port());
  const std::string data = noise(5000, 2);
  ASSERT_TRUE(send_all(client.fd(), data));
  const Received received = receive_until_closed(client.fd());
  EXPECT_TRUE(received.eof);
  EXPECT_EQ(received.data, data.substr(0, 1000));
  EXPECT_TRUE(eventually([&] { return setup.proxy.counters().connections_cut == 1; }));
}

TEST(ProxyToxics, SlicerKeepsTheDataIntact) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("slicer:average_size=100,size_variation=50,direction=both"));
  Socket client = connect_to(setup.proxy.port());
  const std::string data = noise(256 * 1024, 3);
  std::thread writer([&] { send_all(client.fd(), data); });
  EXPECT_TRUE(receive_exactly(client.fd(), data.size()) == data);
  writer.join();
}

TEST(ProxyToxics, TimeoutOfZeroHoldsTheDataUntilRemoved) {
  EchoBehindProxy setup;
  const ToxicId timeout = setup.proxy.add_toxic(toxic("timeout:timeout=0"));
  Socket client = connect_to(setup.proxy.port());
  ASSERT_TRUE(send_all(client.fd(), "held"));
  EXPECT_FALSE(readable_within(client.fd(), 200ms));
  setup.proxy.remove_toxic(timeout);
  EXPECT_EQ(receive_exactly(client.fd(), 4), "held");
  EXPECT_EQ(setup.proxy.counters().connections_closed, 0u);
}

TEST(ProxyToxics, TimeoutClosesTheConnectionAfterItsTimeout) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("timeout:timeout=100ms"));
  Socket client = connect_to(setup.proxy.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(send_all(client.fd(), "ping"));
  const Received received = receive_until_closed(client.fd());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(received.data, "");
  EXPECT_TRUE(received.eof);
  EXPECT_GE(waited, 80ms);
  EXPECT_LE(waited, 600ms);
}

TEST(ProxyToxics, SlowCloseDelaysTheCloseAfterTheData) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("slow_close:delay=200ms"));
  Socket client = connect_to(setup.proxy.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(send_all(client.fd(), "bye"));
  ::shutdown(client.fd(), SHUT_WR);
  EXPECT_EQ(receive_exactly(client.fd(), 3), "bye");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 150ms);
  EXPECT_TRUE(receive_until_closed(client.fd()).eof);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 190ms);
}

TEST(ProxyToxics, BandwidthPacesTheTransfer) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("bandwidth:rate=1000"));  // 1 MB/s
  Socket client = connect_to(setup.proxy.port());
  const std::string data = noise(200'000, 4);
  const auto start = std::chrono::steady_clock::now();
  std::thread writer([&] { send_all(client.fd(), data); });
  EXPECT_TRUE(receive_exactly(client.fd(), data.size()) == data);
  writer.join();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, 190ms);
  EXPECT_LE(took, 1s);
}

TEST(ProxyToxics, ToxicityChoosesTheSameConnectionsForTheSameSeed) {
  constexpr std::uint64_t kSeed = 12;
  EchoBehindProxy setup(kSeed);
  const ToxicId id = setup.proxy.add_toxic(toxic("latency:latency=120ms,toxicity=0.5"));
  for (std::uint64_t connection = 0; connection < 4; ++connection) {
    Socket client = connect_to(setup.proxy.port());
    const bool delayed = round_trip(client.fd(), "ping") >= 110ms;
    EXPECT_EQ(delayed, toxic_applies(kSeed, id, connection, 0.5)) << "connection " << connection;
  }
}

TEST(ProxyToxics, ToxicityZeroLeavesEveryConnectionAlone) {
  EchoBehindProxy setup;
  setup.proxy.add_toxic(toxic("latency:latency=1s,toxicity=0"));
  Socket client = connect_to(setup.proxy.port());
  EXPECT_LT(round_trip(client.fd(), "ping"), 500ms);
}

}  // namespace
}  // namespace faultline::fault
