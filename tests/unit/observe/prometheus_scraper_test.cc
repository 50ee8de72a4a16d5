#include "harness/observe/prometheus_scraper.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

using namespace std::chrono_literals;

// A one-connection HTTP server on 127.0.0.1: reads the request head, answers with `response`
// (or nothing, to make the client wait), then closes. Every wait is bounded by poll timeouts.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response, bool answer = true)
      : response_(std::move(response)), answer_(answer) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneShotServer() {
    join();
    ::close(listener_);
  }

  std::uint16_t port() const { return port_; }
  // Waits until the server has answered and closed its connection.
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  // The request head the client sent; complete after join().
  const std::string& request() const { return request_; }

 private:
  static bool wait_readable(int fd, int timeout_ms) {
    pollfd poll_fd{fd, POLLIN, 0};
    return ::poll(&poll_fd, 1, timeout_ms) == 1;
  }

  void serve() {
    if (!wait_readable(listener_, 5000)) return;
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    char buffer[4096];
    // At most 64 reads: a request head is far smaller than that.
    for (int reads = 0; reads < 64 && request_.find("\r\n\r\n") == std::string::npos; ++reads) {
      if (!wait_readable(connection, 5000)) break;
      const ssize_t got = ::read(connection, buffer, sizeof(buffer));
      if (got <= 0) break;
      request_.append(buffer, static_cast<std::size_t>(got));
    }
    if (answer_) {
      (void)!::write(connection, response_.data(), response_.size());
    } else {
      wait_readable(connection, 5000);  // until the client gives up and closes
    }
    ::close(connection);
  }

  std::string response_;
  bool answer_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::string request_;
  std::thread thread_;
};

std::string http_response(const std::string& status, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

scenario::Endpoint loopback(std::uint16_t port) { return {"127.0.0.1", port}; }

TEST(ScrapePrometheus, GetsAndParsesTheMetricsPage) {
  OneShotServer server(http_response("200 OK", "# TYPE go_goroutines gauge\ngo_goroutines 12\nbroken line\n"));
  const ScrapeResult result = scrape_prometheus(loopback(server.port()), "/metrics");
  server.join();

  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.text.samples.size(), 1u);
  EXPECT_EQ(result.text.samples[0].name, "go_goroutines");
  EXPECT_EQ(result.text.samples[0].value, 12);
  EXPECT_EQ(result.text.problems.size(), 1u);  // a bad line is the page's problem, not the scrape's
  EXPECT_EQ(result.body_bytes, 56u);
  EXPECT_TRUE(server.request().starts_with("GET /metrics HTTP/1.1\r\n")) << server.request();
  EXPECT_NE(server.request().find("Accept: text/plain;version=0.0.4\r\n"), std::string::npos);
}

TEST(ScrapePrometheus, ReadsAChunkedBody) {
  OneShotServer server(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nup 1\n\r\n9\r\ndown 0.5\n\r\n0\r\n\r\n");
  const ScrapeResult result = scrape_prometheus(loopback(server.port()), "/metrics");
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.text.samples.size(), 2u);
}

struct FailureCase {
  const char* name;
  std::string response;
  std::size_t max_body_bytes;
  const char* error;
};

class ScrapePrometheusFailure : public ::testing::TestWithParam<FailureCase> {};

TEST_P(ScrapePrometheusFailure, SaysWhyInsteadOfThrowing) {
  OneShotServer server(GetParam().response);
  ScrapeOptions options;
  options.max_body_bytes = GetParam().max_body_bytes;
  const ScrapeResult result = scrape_prometheus(loopback(server.port()), "/metrics", options);
  EXPECT_EQ(result.error, GetParam().error);
  EXPECT_TRUE(result.text.samples.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Responses, ScrapePrometheusFailure,
    ::testing::Values(FailureCase{"NotFound", http_response("404 Not Found", "no metrics here"), 1024, "HTTP 404"},
                      FailureCase{"ServerError", http_response("503 Service Unavailable", ""), 1024, "HTTP 503"},
                      FailureCase{"TooLarge", http_response("200 OK", "up 1\nup 2\nup 3\n"), 8,
                                  "metrics page larger than 8 bytes"},
                      FailureCase{"NotHttp", "SSH-2.0-OpenSSH_9.2\r\n\r\n", 1024, "receive: bad version"},
                      FailureCase{"ClosedEarly", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nup 1\n", 1024,
                                  "receive: partial message"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ScrapePrometheus, GivesUpAtTheDeadline) {
  OneShotServer server("", /*answer=*/false);
  ScrapeOptions options;
  options.timeout = 100ms;
  const auto start = std::chrono::steady_clock::now();
  const ScrapeResult result = scrape_prometheus(loopback(server.port()), "/metrics", options);
  EXPECT_EQ(result.error, "timed out after 100ms");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(ScrapePrometheus, ReportsARefusedConnection) {
  std::uint16_t port = 0;
  {
    OneShotServer server(http_response("200 OK", ""));  // learn a free port, then free it again
    port = server.port();
    (void)scrape_prometheus(loopback(port), "/");
  }
  const ScrapeResult result = scrape_prometheus(loopback(port), "/metrics");
  EXPECT_EQ(result.error, "connect: Connection refused");
}

TEST(ScrapePrometheus, WantsAnIpAddress) {
  const ScrapeResult result = scrape_prometheus({"localhost", 9090}, "/metrics");
  EXPECT_EQ(result.error, "'localhost' is not an IP address");
}

}  // namespace
}  // namespace faultline::observe
