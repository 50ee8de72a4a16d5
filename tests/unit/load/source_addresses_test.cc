#include "harness/load/source_addresses.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>

#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

namespace asio = boost::asio;
using asio::ip::make_address;
using asio::ip::tcp;
using testing::RawTcpServer;
using testing::run_until;

const tcp::endpoint kLoopbackTarget{make_address("127.0.0.1"), 8080};

TEST(SourceAddresses, NoneMeansTheKernelPicks) {
  asio::io_context io;
  tcp::socket socket(io);
  EXPECT_TRUE(SourceAddresses().empty());
  EXPECT_FALSE(SourceAddresses().bind(socket, 0));
  EXPECT_FALSE(socket.is_open());  // the connect will open it
}

TEST(SourceAddresses, ConnectionsTakeTheAddressesInTurn) {
  const SourceAddresses sources = SourceAddresses::loopback(3, kLoopbackTarget);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources.for_connection(0).to_string(), "127.0.0.1");
  EXPECT_EQ(sources.for_connection(1).to_string(), "127.0.0.2");
  EXPECT_EQ(sources.for_connection(2).to_string(), "127.0.0.3");
  EXPECT_EQ(sources.for_connection(3).to_string(), "127.0.0.1");
  EXPECT_EQ(sources.for_connection(3'000'000'002).to_string(), "127.0.0.3");
}

TEST(SourceAddresses, GoUpTo127_0_0_254) {
  const SourceAddresses sources = SourceAddresses::loopback(SourceAddresses::kMaxLoopback, kLoopbackTarget);
  EXPECT_EQ(sources.for_connection(SourceAddresses::kMaxLoopback - 1).to_string(), "127.0.0.254");
  EXPECT_THROW(SourceAddresses::loopback(SourceAddresses::kMaxLoopback + 1, kLoopbackTarget), std::invalid_argument);
  EXPECT_THROW(SourceAddresses::loopback(0, kLoopbackTarget), std::invalid_argument);
}

TEST(SourceAddresses, NeedAnIpv4LoopbackTarget) {
  EXPECT_THROW(SourceAddresses::loopback(2, {make_address("::1"), 8080}), std::invalid_argument);
  EXPECT_THROW(SourceAddresses::loopback(2, {make_address("10.0.0.1"), 8080}), std::invalid_argument);
  EXPECT_NO_THROW(SourceAddresses::loopback(2, {make_address("127.0.0.9"), 8080}));
}

TEST(SourceAddresses, AConnectionBoundTo127_0_0_2ArrivesFromThere) {
  asio::io_context io;
  RawTcpServer server(io, {});
  const SourceAddresses sources = SourceAddresses::loopback(2, server.endpoint());
  tcp::socket socket(io);
  ASSERT_FALSE(sources.bind(socket, 1));
  socket.connect(server.endpoint());
  ASSERT_TRUE(run_until(io, [&] { return server.accepted() == 1; }));
  EXPECT_EQ(server.peers()[0].to_string(), "127.0.0.2");
  EXPECT_EQ(socket.local_endpoint().address().to_string(), "127.0.0.2");
}

}  // namespace
}  // namespace faultline::load
