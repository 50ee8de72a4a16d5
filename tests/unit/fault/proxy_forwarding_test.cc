#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <thread>

#include <gtest/gtest.h>

#include "harness/fault/proxy.h"
#include "tests/unit/fault/loopback.h"

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;
using namespace faultline::fault::testing;

ProxyConfig forwarding_to(std::uint16_t port) {
  ProxyConfig config;
  config.upstream = {boost::asio::ip::address_v4::loopback(), port};
  return config;
}

TEST(ProxyForwarding, PassesTenMegabytesThroughIntactBothWays) {
  TestServer server(echo);
  Proxy proxy(forwarding_to(server.port()));
  Socket client = connect_to(proxy.port());
  ASSERT_TRUE(client.is_open());
  const std::string data = noise(10 * 1024 * 1024, 1);

  std::thread writer([&] {
    send_all(client.fd(), data);
    ::shutdown(client.fd(), SHUT_WR);
  });
  const Received echoed = receive_until_closed(client.fd());
  writer.join();

  EXPECT_TRUE(echoed.eof);
  ASSERT_EQ(echoed.data.size(), data.size());
  EXPECT_TRUE(echoed.data == data);
  EXPECT_TRUE(eventually([&] { return proxy.counters().connections_closed == 1; }));
  const ProxyCounters counters = proxy.counters();
  EXPECT_EQ(counters.upstream_bytes, data.size());
  EXPECT_EQ(counters.downstream_bytes, data.size());
  EXPECT_EQ(counters.connections_accepted, 1u);
  EXPECT_EQ(counters.connections_active, 0u);
  EXPECT_EQ(counters.buffered_bytes, 0u);
}

TEST(ProxyForwarding, SpreadsConnectionsOverThreadsAndKeepsEachStreamIntact) {
  TestServer server(echo);
  ProxyConfig config = forwarding_to(server.port());
  config.threads = 2;
  Proxy proxy(config);
  std::vector<std::thread> clients;
  std::vector<int> intact(4, 0);  // not vector<bool>: each thread writes its own element
  for (std::size_t i = 0; i < intact.size(); ++i) {
    clients.emplace_back([&, i] {
      Socket client = connect_to(proxy.port());
      const std::string data = noise(512 * 1024, static_cast<std::uint32_t>(i));
      std::thread writer([&] { send_all(client.fd(), data); });
      intact[i] = receive_exactly(client.fd(), data.size()) == data;
      writer.join();
    });
  }
  for (std::thread& client : clients) client.join();
  for (std::size_t i = 0; i < intact.size(); ++i) EXPECT_TRUE(intact[i]) << "connection " << i;
  EXPECT_EQ(proxy.counters().connections_accepted, 4u);
}

TEST(ProxyForwarding, ClosesTheClientAndCountsWhenTheTargetRefuses) {
  Proxy proxy(forwarding_to(unused_port()));
  Socket client = connect_to(proxy.port());
  ASSERT_TRUE(client.is_open());
  const Received received = receive_until_closed(client.fd());
  EXPECT_TRUE(received.eof);
  EXPECT_TRUE(eventually([&] { return proxy.counters().connections_closed == 1; }));
  EXPECT_EQ(proxy.counters().upstream_refused, 1u);
}

// A target whose accept queue is full drops the proxy's SYN: the connect never completes.
TEST(ProxyForwarding, GivesUpOnATargetThatDoesNotAnswerWithinTheConnectTimeout) {
  std::uint16_t port = 0;
  const Socket target = listen_without_accepting(&port);
  std::vector<Socket> queued;
  for (int i = 0; i < 4; ++i) queued.push_back(connect_without_waiting(port));
  ProxyConfig config = forwarding_to(port);
  config.connect_timeout = 100ms;
  Proxy proxy(config);
  Socket client = connect_to(proxy.port());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(receive_until_closed(client.fd()).eof);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 90ms);
  EXPECT_TRUE(eventually([&] { return proxy.counters().upstream_timeouts == 1; }));
}

TEST(ProxyForwarding, HoldsNewClientsInTheAcceptQueueAtMaxConnections) {
  TestServer server(echo);
  ProxyConfig config = forwarding_to(server.port());
  config.max_connections = 2;
  Proxy proxy(config);
  Socket first = connect_to(proxy.port());
  Socket second = connect_to(proxy.port());
  ASSERT_LT(round_trip(first.fd(), "1"), 1s);
  ASSERT_LT(round_trip(second.fd(), "2"), 1s);

  Socket third = connect_to(proxy.port());  // the kernel completes the handshake; nobody serves it
  ASSERT_TRUE(send_all(third.fd(), "3"));
  EXPECT_FALSE(readable_within(third.fd(), 150ms));
  EXPECT_GT(proxy.counters().accept_pauses, 0u);

  first.close();
  EXPECT_EQ(receive_exactly(third.fd(), 1), "3");
  EXPECT_EQ(proxy.counters().connections_accepted, 3u);
}

TEST(ProxyForwarding, ClosesAConnectionIdleForTheIdleTimeout) {
  TestServer server(echo);
  ProxyConfig config = forwarding_to(server.port());
  config.idle_timeout = 100ms;
  Proxy proxy(config);
  Socket client = connect_to(proxy.port());
  const auto start = std::chrono::steady_clock::now();
  const Received received = receive_until_closed(client.fd());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(received.eof);
  EXPECT_GE(waited, 90ms);
  EXPECT_LE(waited, 1s);
  EXPECT_TRUE(eventually([&] { return proxy.counters().idle_timeouts == 1; }));
}

// The client reads nothing while the target sends far more than every buffer on the way
// holds: the proxy stops reading from the target instead of buffering, and the flow resumes
// when the client reads.
TEST(ProxyForwarding, StopsReadingForASlowReaderWithinItsBuffer) {
  constexpr std::size_t kBufferBytes = 16 * 1024;
  const std::string flood = noise(4 * 1024 * 1024, 9);
  TestServer server([&](int fd) {
    for (int i = 0; i < 8 && send_all(fd, flood); ++i) {
    }
  });
  ProxyConfig config = forwarding_to(server.port());
  config.buffer_bytes = kBufferBytes;
  Proxy proxy(config);
  Socket client = connect_to(proxy.port(), nullptr, 4096);

  // Stalled: nothing more moves for a while.
  std::uint64_t forwarded = 0;
  EXPECT_TRUE(eventually(
      [&] {
        const std::uint64_t before = proxy.counters().downstream_bytes;
        std::this_thread::sleep_for(30ms);
        forwarded = proxy.counters().downstream_bytes;
        return before == forwarded && proxy.counters().buffered_bytes > 0;
      },
      2s));
  const ProxyCounters stalled = proxy.counters();
  EXPECT_LT(stalled.downstream_bytes, 8 * flood.size());
  EXPECT_LE(stalled.buffered_bytes, 2 * kBufferBytes);
  EXPECT_LE(stalled.buffered_bytes_peak, 2 * kBufferBytes);

  EXPECT_EQ(receive_exactly(client.fd(), flood.size()), flood);
  EXPECT_GT(proxy.counters().downstream_bytes, forwarded);
  EXPECT_LE(proxy.counters().buffered_bytes_peak, 2 * kBufferBytes);
}

TEST(ProxyForwarding, LeavesNoDescriptorOpenAfterStop) {
  const std::size_t before = open_descriptors();
  {
    TestServer server(echo);
    Proxy proxy(forwarding_to(server.port()));
    std::vector<Socket> clients;
    for (int i = 0; i < 5; ++i) {
      clients.push_back(connect_to(proxy.port()));
      EXPECT_LT(round_trip(clients.back().fd(), "ping"), 1s);
    }
    proxy.add_toxic(ToxicSpec{LatencyToxic{10s, 0ms}});
    // A reply waiting on a timer when the proxy stops.
    send_all(clients.front().fd(), "held");
    EXPECT_TRUE(eventually([&] { return proxy.counters().buffered_bytes == 4; }));
    proxy.stop();
    EXPECT_EQ(proxy.counters().connections_closed, 5u);
    for (Socket& client : clients) EXPECT_TRUE(receive_until_closed(client.fd()).eof);
  }
  EXPECT_EQ(open_descriptors(), before);
}

TEST(ProxyForwarding, RejectsANonLoopbackEndpointUnlessAllowed) {
  ProxyConfig config = forwarding_to(9);
  config.listen = {boost::asio::ip::make_address("0.0.0.0"), 0};
  EXPECT_THROW(Proxy proxy(config), std::invalid_argument);
}

TEST(ProxyForwarding, FailsToStartOnAPortInUse) {
  TestServer server(echo);
  ProxyConfig config = forwarding_to(server.port());
  config.listen.port(server.port());
  EXPECT_THROW(Proxy proxy(config), std::system_error);
}

// Connects to 127.0.0.1:port from `source` (a loopback address); closed on failure.
Socket connect_from(const char* source, std::uint16_t port) {
  Socket socket(::socket(AF_INET, SOCK_STREAM, 0));
  const timeval timeout{2, 0};
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &address.sin_addr);
  if (::bind(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return Socket();
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  address.sin_port = htons(port);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return Socket();
  return socket;
}

// Answers each connection with the address it came from, and closes it.
void tell_peer(int fd) {
  sockaddr_in peer{};
  socklen_t length = sizeof peer;
  char text[INET_ADDRSTRLEN] = {};
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0) ::inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text);
  send_all(fd, text);
}

TEST(ProxyForwarding, ConnectsUpstreamFromTheLoopbackAddressTheClientCameFrom) {
  TestServer server(tell_peer);
  Proxy proxy(forwarding_to(server.port()));
  for (const char* source : {"127.0.0.3", "127.0.0.1"}) {
    Socket client = connect_from(source, proxy.port());
    ASSERT_TRUE(client.is_open()) << source;
    EXPECT_EQ(receive_until_closed(client.fd()).data, source);
  }
}

}  // namespace
}  // namespace faultline::fault
