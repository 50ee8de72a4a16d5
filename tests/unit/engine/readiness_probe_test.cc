#include "harness/engine/readiness_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "harness/engine/free_port.h"

namespace faultline::engine {
namespace {

using namespace std::chrono_literals;
using Outcome = ReadyResult::Outcome;

// Time stands still except when the code under test sleeps, or a fake probe says it took long.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  std::vector<std::chrono::nanoseconds> sleeps;

  ReadinessClock clock() {
    return {[this] { return now; },
            [this](std::chrono::nanoseconds duration) {
              sleeps.push_back(duration);
              now += duration;
            }};
  }
  std::chrono::nanoseconds elapsed() const { return now.time_since_epoch(); }
};

scenario::ReadyCheck check(std::chrono::nanoseconds timeout, std::chrono::nanoseconds interval) {
  scenario::ReadyCheck result;
  result.timeout = timeout;
  result.interval = interval;
  return result;
}

const auto always_alive = [] { return true; };

TEST(ReadinessLoop, SucceedsOnTheAttemptThatGetsAnAnswer) {
  FakeClock fake;
  int calls = 0;
  const Probe probe = [&](std::chrono::nanoseconds) -> ProbeOutcome {
    return ++calls < 3 ? ProbeOutcome{false, "Connection refused"} : ProbeOutcome{true, ""};
  };

  const ReadyResult result = poll_until_ready(check(10s, 100ms), probe, always_alive, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::ready);
  EXPECT_EQ(result.attempts, 3u);
  EXPECT_EQ(result.waited, 200ms);
  EXPECT_EQ(result.last_error, "Connection refused");
  EXPECT_EQ(result.describe(), "ready after 3 attempts in 200ms");
}

TEST(ReadinessLoop, TimesOutExactlyAtTheTimeout) {
  FakeClock fake;
  const Probe probe = [](std::chrono::nanoseconds) { return ProbeOutcome{false, "HTTP 503"}; };

  const ReadyResult result = poll_until_ready(check(1s, 100ms), probe, always_alive, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::timed_out);
  EXPECT_EQ(result.waited, 1s);
  EXPECT_EQ(fake.elapsed(), 1s);
  EXPECT_EQ(result.attempts, 10u);  // at 0, 100, ..., 900ms
  EXPECT_EQ(result.last_error, "HTTP 503");
  EXPECT_EQ(result.describe(), "not ready after 1000ms (10 attempts; last error: HTTP 503)");
}

TEST(ReadinessLoop, StopsAsSoonAsTheTargetHasExited) {
  FakeClock fake;
  int probes = 0;
  const Probe probe = [&](std::chrono::nanoseconds) {
    ++probes;
    return ProbeOutcome{false, "Connection refused"};
  };
  const auto alive_for_two_probes = [&] { return probes < 2; };

  const ReadyResult result = poll_until_ready(check(10s, 100ms), probe, alive_for_two_probes, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::target_exited);
  EXPECT_EQ(result.attempts, 2u);
  EXPECT_EQ(result.waited, 200ms);
  EXPECT_EQ(result.describe(),
            "exited before it was ready (2 attempts in 200ms; last error: Connection refused)");
}

TEST(ReadinessLoop, DoesNotProbeATargetThatHasAlreadyExited) {
  FakeClock fake;
  const Probe probe = [](std::chrono::nanoseconds) -> ProbeOutcome {
    ADD_FAILURE() << "probed a dead target";
    return {true, ""};
  };

  const ReadyResult result = poll_until_ready(
      check(10s, 100ms), probe, [] { return false; }, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::target_exited);
  EXPECT_EQ(result.attempts, 0u);
  EXPECT_EQ(result.describe(), "exited before it was ready (0 attempts in 0ms)");
}

TEST(ReadinessLoop, KeepsTheIntervalFromTheStartOfASlowProbe) {
  FakeClock fake;
  std::vector<std::chrono::nanoseconds> probe_starts;
  const Probe probe = [&](std::chrono::nanoseconds) {
    probe_starts.push_back(fake.elapsed());
    fake.now += 30ms;
    return ProbeOutcome{false, "timed out after 30ms"};
  };

  poll_until_ready(check(300ms, 100ms), probe, always_alive, fake.clock());

  EXPECT_EQ(probe_starts, (std::vector<std::chrono::nanoseconds>{0ms, 100ms, 200ms}));
  EXPECT_EQ(fake.sleeps, (std::vector<std::chrono::nanoseconds>{70ms, 70ms, 70ms}));
}

TEST(ReadinessLoop, BoundsEachProbeBySecondAndByTheTimeLeft) {
  FakeClock fake;
  std::vector<std::chrono::nanoseconds> budgets;
  const Probe probe = [&](std::chrono::nanoseconds budget) {
    budgets.push_back(budget);
    return ProbeOutcome{false, "Connection refused"};
  };

  const ReadyResult result = poll_until_ready(check(2500ms, 1s), probe, always_alive, fake.clock());

  EXPECT_EQ(budgets, (std::vector<std::chrono::nanoseconds>{1s, 1s, 500ms}));
  EXPECT_EQ(result.waited, 2500ms);
}

TEST(ReadinessLoop, AProbeThatOverrunsTheDeadlineEndsTheWait) {
  FakeClock fake;
  const Probe probe = [&](std::chrono::nanoseconds) {
    fake.now += 3s;
    return ProbeOutcome{false, "timed out after 1000ms"};
  };

  const ReadyResult result = poll_until_ready(check(2s, 100ms), probe, always_alive, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::timed_out);
  EXPECT_EQ(result.attempts, 1u);
  EXPECT_TRUE(fake.sleeps.empty());
}

TEST(ReadinessLoop, AZeroIntervalStillEndsAtTheTimeout) {
  FakeClock fake;
  const Probe probe = [](std::chrono::nanoseconds) { return ProbeOutcome{false, "Connection refused"}; };

  const ReadyResult result = poll_until_ready(check(10ms, 0ms), probe, always_alive, fake.clock());

  EXPECT_EQ(result.outcome, Outcome::timed_out);
  EXPECT_EQ(result.attempts, 10u);  // one per millisecond
}

TEST(ReadinessLoop, AStalledClockCannotMakeItProbeForever) {
  const ReadinessClock stalled{[] { return std::chrono::steady_clock::time_point{}; },
                               [](std::chrono::nanoseconds) {}};
  const Probe probe = [](std::chrono::nanoseconds) { return ProbeOutcome{false, "Connection refused"}; };

  const ReadyResult result = poll_until_ready(check(1s, 100ms), probe, always_alive, stalled);

  EXPECT_EQ(result.outcome, Outcome::timed_out);
  EXPECT_EQ(result.attempts, 11u);
}

// A socket listening on 127.0.0.1 that accepts nothing by itself.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 8) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  ~Listener() { ::close(fd_); }

  int fd() const { return fd_; }
  scenario::Endpoint endpoint() const { return {"127.0.0.1", port_}; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Answers one HTTP request with a canned response, on its own thread, within two seconds.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response)
      : response_(std::move(response)), thread_([this] { serve(); }) {}
  OneShotServer(const OneShotServer&) = delete;
  OneShotServer& operator=(const OneShotServer&) = delete;
  ~OneShotServer() {
    if (thread_.joinable()) thread_.join();
  }

  scenario::Endpoint endpoint() const { return listener_.endpoint(); }
  // The request it received; call after the probe returned.
  std::string request() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  static bool readable(int fd) {
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, 2000) == 1;
  }

  void serve() {
    if (!readable(listener_.fd())) return;
    const int connection = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) return;
    char buffer[1024];
    while (request_.find("\r\n\r\n") == std::string::npos && readable(connection)) {
      const ssize_t received = ::recv(connection, buffer, sizeof buffer, 0);
      if (received <= 0) break;
      request_.append(buffer, static_cast<std::size_t>(received));
    }
    static_cast<void>(::send(connection, response_.data(), response_.size(), MSG_NOSIGNAL));
    ::close(connection);
  }

  Listener listener_;
  std::string response_;
  std::string request_;
  std::thread thread_;
};

TEST(ReadinessProbe, TcpProbeSucceedsWhenSomethingListens) {
  const Listener listener;
  const ProbeOutcome outcome = probe_tcp(listener.endpoint(), 1s);
  EXPECT_TRUE(outcome.ok) << outcome.error;
}

TEST(ReadinessProbe, TcpProbeReportsARefusedConnection) {
  const ProbeOutcome outcome = probe_tcp({"127.0.0.1", pick_free_port()}, 1s);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "Connection refused");
}

TEST(ReadinessProbe, HttpProbeIsReadyOnA2xxAnswerToAMinimalRequest) {
  OneShotServer server("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");

  const ProbeOutcome outcome = probe_http(server.endpoint(), "/health", 1s);

  EXPECT_TRUE(outcome.ok) << outcome.error;
  const std::string request = server.request();
  EXPECT_TRUE(request.starts_with("GET /health HTTP/1.1\r\n")) << request;
  EXPECT_NE(request.find("\r\nHost: 127.0.0.1:" + std::to_string(server.endpoint().port) + "\r\n"),
            std::string::npos)
      << request;
  EXPECT_NE(request.find("\r\nConnection: close\r\n"), std::string::npos) << request;
}

TEST(ReadinessProbe, HttpProbeReportsTheStatusOfANon2xxAnswer) {
  OneShotServer server("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
  const ProbeOutcome outcome = probe_http(server.endpoint(), "/health", 1s);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "HTTP 503");
}

TEST(ReadinessProbe, HttpProbeRejectsAnAnswerThatIsNotHttp) {
  OneShotServer server("SSH-2.0-OpenSSH_9.2\r\n");
  const ProbeOutcome outcome = probe_http(server.endpoint(), "/", 1s);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "malformed HTTP status line");
}

TEST(ReadinessProbe, HttpProbeReportsAConnectionClosedWithoutAnswer) {
  OneShotServer server("");
  const ProbeOutcome outcome = probe_http(server.endpoint(), "/", 1s);
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "connection closed before a response");
}

TEST(ReadinessProbe, HttpProbeGivesUpAfterItsBudgetWhenNobodyAnswers) {
  const Listener listener;  // the kernel completes the handshake; nothing ever reads or answers
  const auto started = std::chrono::steady_clock::now();

  const ProbeOutcome outcome = probe_http(listener.endpoint(), "/", 50ms);

  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "timed out after 50ms");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(ReadinessProbe, RejectsAHostThatIsNotAnIpAddress) {
  EXPECT_THROW(probe_tcp({"localhost", 80}, 1s), std::invalid_argument);
  EXPECT_THROW(wait_until_ready({"example.invalid", 80}, check(1s, 100ms), always_alive),
               std::invalid_argument);
}

TEST(ReadinessProbe, WaitUntilReadyProbesOverHttpWhenTheCheckSaysSo) {
  OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  scenario::ReadyCheck http_check = check(2s, 10ms);
  http_check.kind = scenario::ReadyCheck::Kind::http;
  http_check.http_path = "/ready";

  const ReadyResult result = wait_until_ready(server.endpoint(), http_check, always_alive);

  EXPECT_EQ(result.outcome, Outcome::ready) << result.describe();
  EXPECT_TRUE(server.request().starts_with("GET /ready HTTP/1.1\r\n"));
}

TEST(ReadinessProbe, WaitUntilReadyTimesOutAgainstAClosedPort) {
  const ReadyResult result =
      wait_until_ready({"127.0.0.1", pick_free_port()}, check(50ms, 10ms), always_alive);
  EXPECT_EQ(result.outcome, Outcome::timed_out);
  EXPECT_GE(result.attempts, 1u);
  EXPECT_EQ(result.last_error, "Connection refused");
}

}  // namespace
}  // namespace faultline::engine
