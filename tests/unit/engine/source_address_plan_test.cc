// When faultline spreads a generator's connections over loopback source addresses, over how
// many, and what it says when they cannot fit; the port range read from a fake /proc file.
#include "harness/engine/source_address_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <optional>
#include <string>

#include "tests/unit/observe/temp_dir.h"

namespace faultline::engine {
namespace {

using boost::asio::ip::make_address;
using boost::asio::ip::tcp;

const tcp::endpoint kTarget{make_address("127.0.0.1"), 8080};
const EphemeralPorts kLinuxDefault{32768, 60999};  // 28,232 ports, 25,408 usable

ConnectionDemand storm(std::uint64_t connections, unsigned source_addresses = 0, tcp::endpoint endpoint = kTarget) {
  ConnectionDemand demand;
  demand.field = "s.json: /load/0";
  demand.endpoint = endpoint;
  demand.connections = connections;
  demand.source_addresses = source_addresses;
  return demand;
}

ConnectionDemand http(std::uint64_t connections) {
  ConnectionDemand demand = storm(connections);
  demand.field = "s.json: /load/1";
  demand.binds_sources = false;
  return demand;
}

// A storm through a fault proxy listening on 127.0.0.1:9000 and forwarding to `upstream`.
ConnectionDemand proxied(std::uint64_t connections, tcp::endpoint upstream = kTarget) {
  ConnectionDemand demand = storm(connections, 0, {make_address("127.0.0.1"), 9000});
  demand.proxy_upstream = upstream;
  return demand;
}

// The message of the std::runtime_error `plan` throws; "" when it throws none.
std::string refusal(const std::vector<ConnectionDemand>& demands, const EphemeralPorts& ports) {
  try {
    plan_source_addresses(demands, ports);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

// A fake /proc/sys/net/ipv4/ip_local_port_range in a directory of its own.
class EphemeralPortsFile : public ::testing::Test {
 protected:
  void write(const std::string& text) { dir.write("ip_local_port_range", text); }

  observe::TempDir dir;
  std::filesystem::path path = dir.path() / "ip_local_port_range";
};

TEST_F(EphemeralPortsFile, ReadsTheRangeAsProcWritesIt) {
  write("32768\t60999\n");
  const auto ports = read_ephemeral_ports(path);
  ASSERT_TRUE(ports);
  EXPECT_EQ(ports->first, 32768u);
  EXPECT_EQ(ports->last, 60999u);
  EXPECT_EQ(ports->count(), 28232u);
  EXPECT_EQ(ports->usable(), 25408u);
}

TEST_F(EphemeralPortsFile, AnUnreadableOrEmptyRangeIsUnset) {
  EXPECT_FALSE(read_ephemeral_ports(path));
  write("60999 32768\n");
  EXPECT_FALSE(read_ephemeral_ports(path));
  write("ports\n");
  EXPECT_FALSE(read_ephemeral_ports(path));
}

TEST(SourceAddressPlan, ConnectionsThatFitLeaveTheChoiceToTheKernel) {
  EXPECT_EQ(plan_source_addresses({storm(10'000), http(64)}, kLinuxDefault), (std::vector<unsigned>{0, 0}));
  EXPECT_EQ(plan_source_addresses({storm(25'408)}, kLinuxDefault), (std::vector<unsigned>{0}));
}

TEST(SourceAddressPlan, MoreThanOneAddressHoldsSpreadOverTheFewestThatHoldThem) {
  EXPECT_EQ(plan_source_addresses({storm(25'409)}, kLinuxDefault), (std::vector<unsigned>{2}));
  EXPECT_EQ(plan_source_addresses({storm(60'000)}, kLinuxDefault), (std::vector<unsigned>{3}));
  EXPECT_EQ(plan_source_addresses({storm(200)}, EphemeralPorts{40000, 40099}), (std::vector<unsigned>{3}));
}

TEST(SourceAddressPlan, GeneratorsToOneDestinationShareItsPorts) {
  const tcp::endpoint elsewhere{make_address("127.0.0.1"), 9090};
  EXPECT_EQ(plan_source_addresses({storm(15'000), storm(15'000), storm(15'000, 0, elsewhere)}, kLinuxDefault),
            (std::vector<unsigned>{2, 2, 0}));
  // HTTP connections take ports too, though their generator never binds an address.
  EXPECT_EQ(plan_source_addresses({storm(25'000), http(1'000)}, kLinuxDefault), (std::vector<unsigned>{2, 0}));
}

TEST(SourceAddressPlan, ASpreadTheScenarioFixedLoadsEachOfItsAddresses) {
  // 127.0.0.1 already holds 20,000: 40,000 over 2 would put 30,000 there, over 4 25,000.
  EXPECT_EQ(plan_source_addresses({storm(20'000, 1), storm(20'000)}, kLinuxDefault), (std::vector<unsigned>{1, 4}));
}

TEST(SourceAddressPlan, ConnectionsThroughAProxyCountAtItsUpstreamToo) {
  // 20,000 fit the proxy's port; with the 10,000 going to the target directly they do not fit
  // the target's, where the proxy mirrors its clients' addresses.
  EXPECT_EQ(plan_source_addresses({proxied(20'000), http(10'000)}, kLinuxDefault), (std::vector<unsigned>{2, 0}));
  EXPECT_EQ(plan_source_addresses({proxied(20'000)}, kLinuxDefault), (std::vector<unsigned>{0}));
}

TEST(SourceAddressPlan, AProxysConnectionsToARemoteUpstreamCannotBeSpread) {
  const tcp::endpoint remote{make_address("10.0.0.5"), 80};
  EXPECT_EQ(plan_source_addresses({proxied(20'000, remote)}, kLinuxDefault), (std::vector<unsigned>{0}));
  EXPECT_EQ(refusal({proxied(30'000, remote)}, kLinuxDefault),
            "s.json: /load/0: 30000 connections to 10.0.0.5:80 need 2 source addresses (one source address holds "
            "25408 of the 28232 ephemeral ports 32768-60999), and only connections to an IPv4 loopback address can be "
            "spread over several: use 127.0.0.1, fewer connections, or a wider net.ipv4.ip_local_port_range");
}

TEST(SourceAddressPlan, TheScenariosNumberIsKept) {
  EXPECT_EQ(plan_source_addresses({storm(100, 4), storm(60'000, 1)}, kLinuxDefault), (std::vector<unsigned>{4, 1}));
}

TEST(SourceAddressPlan, OnlyIpv4LoopbackCanBeSpread) {
  const tcp::endpoint ipv6{make_address("::1"), 8080};
  EXPECT_EQ(plan_source_addresses({storm(1'000, 0, ipv6)}, kLinuxDefault), (std::vector<unsigned>{0}));
  EXPECT_EQ(refusal({storm(30'000, 0, ipv6)}, kLinuxDefault),
            "s.json: /load/0: 30000 connections to [::1]:8080 need 2 source addresses (one source address holds "
            "25408 of the 28232 ephemeral ports 32768-60999), and only connections to an IPv4 loopback address can be "
            "spread over several: use 127.0.0.1, fewer connections, or a wider net.ipv4.ip_local_port_range");
}

TEST(SourceAddressPlan, MoreThanEveryLoopbackAddressHoldsIsRefused) {
  EXPECT_EQ(refusal({storm(255 * 90)}, EphemeralPorts{40000, 40099}),
            "s.json: /load/0: 22950 connections to 127.0.0.1:8080 need 255 source addresses (one source address "
            "holds 90 of the 100 ephemeral ports 40000-40099), more than the 254 of 127.0.0.1 .. 127.0.0.254: use "
            "fewer connections or a wider net.ipv4.ip_local_port_range");
}

}  // namespace
}  // namespace faultline::engine
